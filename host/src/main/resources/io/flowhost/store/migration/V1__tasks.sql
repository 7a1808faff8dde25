-- Flowhost's task store. One text for every database (SQLite, H2, PostgreSQL): portable types
-- only. Times are microseconds since the epoch (UTC), JSON is text, and no column is named after a
-- word one of them reserves (trigger, value, key, time).

-- Each job text that ran, once: tasks name it by hash, so a rerun runs exactly what its task ran.
CREATE TABLE job_versions (
    hash VARCHAR(64) NOT NULL PRIMARY KEY,
    job_id VARCHAR(255) NOT NULL,
    job_file TEXT,
    job_text TEXT NOT NULL,
    first_seen BIGINT NOT NULL
);

-- Tasks, and the queue: a queued task has no owner; claiming one sets its owner and status. Few
-- indexes, as each costs every write: by status (the queue, and the running tasks of an owner), by
-- job, by time.
CREATE TABLE tasks (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    job_id VARCHAR(255) NOT NULL,
    job_hash VARCHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL,
    trigger_type VARCHAR(16) NOT NULL,
    queued_at BIGINT NOT NULL,
    started_at BIGINT,
    ended_at BIGINT,
    error TEXT,
    owner VARCHAR(255),
    cancel_reason TEXT,
    rerun_of VARCHAR(64),
    params TEXT NOT NULL,
    input TEXT NOT NULL,
    output TEXT
);
CREATE INDEX tasks_by_status ON tasks (status, queued_at, id);
CREATE INDEX tasks_by_job ON tasks (job_id, queued_at, id);
CREATE INDEX tasks_by_time ON tasks (queued_at, id);

-- Step records and log lines share one numbering per task: the order the runner reported them.
CREATE TABLE task_steps (
    task_id VARCHAR(64) NOT NULL,
    seq BIGINT NOT NULL,
    path TEXT NOT NULL,
    action VARCHAR(255),
    status VARCHAR(16) NOT NULL,
    queued_at BIGINT NOT NULL,
    started_at BIGINT,
    ended_at BIGINT NOT NULL,
    error TEXT,
    input TEXT,
    output TEXT,
    PRIMARY KEY (task_id, seq)
);

CREATE TABLE task_logs (
    task_id VARCHAR(64) NOT NULL,
    seq BIGINT NOT NULL,
    logged_at BIGINT NOT NULL,
    level VARCHAR(8) NOT NULL,
    step TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (task_id, seq)
);

-- What a server keeps between starts: hashed tokens, the last firing of each schedule.
CREATE TABLE settings (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    setting_value TEXT NOT NULL
);
