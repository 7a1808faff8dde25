package io.flowhost.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The task store on a JDBC database: every write goes through the {@link Writer}, reads through the
 * pool ({@link TaskReads}).
 */
final class JdbcTaskStore implements TaskStore {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ENDED = "('succeeded', 'failed', 'cancelled', 'timed-out', 'interrupted')";
    /** How far down the queue a claim looks for tasks whose job has room. */
    private static final int CLAIM_WINDOW = 256;

    private final Database database;
    private final Writer writer;
    private final TaskReads reads;
    private final Owner owner = Owner.current();
    private Set<String> interruptedAtOpen = Set.of();

    private JdbcTaskStore(Database database) {
        this.database = database;
        this.writer = new Writer(database.dataSource(), database.describe, database.dialect == Dialect.SQLITE);
        this.reads = new TaskReads(database);
    }

    static JdbcTaskStore open(StoreLocation location) {
        JdbcTaskStore store = new JdbcTaskStore(Database.open(location));
        try {
            store.interruptedAtOpen = Set.copyOf(store.interruptOrphans());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public String describe() {
        return database.describe;
    }

    // ---- making tasks

    @Override
    public void enqueue(NewTask task) {
        writer.await(s -> {
            insert(s, task, TaskStatus.QUEUED, null);
            return null;
        });
    }

    @Override
    public void record(NewTask task) {
        writer.await(s -> {
            insert(s, task, TaskStatus.RUNNING, Instant.now());
            return null;
        });
    }

    private void insert(Writer.Statements s, NewTask task, TaskStatus status, Instant startedAt) throws SQLException {
        JobVersion job = task.job();
        PreparedStatement version = s.prepare(database.dialect.insertJobVersion);
        version.setString(1, job.hash());
        version.setString(2, task.jobId());
        version.setString(3, job.file());
        version.setString(4, job.text());
        version.setLong(5, Micros.of(task.queuedAt()));
        if (database.dialect.hashTwice()) {
            version.setString(6, job.hash());
        }
        version.executeUpdate();
        PreparedStatement insert = s.prepare("INSERT INTO tasks (id, job_id, job_hash, status, trigger_type, queued_at, "
                + "started_at, owner, rerun_of, params, input) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.setString(1, task.id());
        insert.setString(2, task.jobId());
        insert.setString(3, job.hash());
        insert.setString(4, status.jsonName());
        insert.setString(5, task.trigger());
        insert.setLong(6, Micros.of(task.queuedAt()));
        Micros.set(insert, 7, startedAt);
        insert.setString(8, startedAt == null ? null : owner.toString());
        insert.setString(9, task.rerunOf());
        insert.setString(10, task.params().toString());
        insert.setString(11, Snapshots.json(task.input().toJson(), Snapshots.TASK_INPUT_BYTES));
        insert.executeUpdate();
    }

    @Override
    public List<NewTask> claim(int max, Map<String, Integer> room) {
        if (max < 1) {
            return List.of();
        }
        return writer.await(s -> {
            PreparedStatement select = s.prepare("SELECT id, job_id FROM tasks WHERE status = 'queued' "
                    + "ORDER BY queued_at, id LIMIT ?" + database.dialect.lockRows);
            select.setInt(1, Math.max(CLAIM_WINDOW, max));
            Map<String, Integer> left = new HashMap<>(room);
            List<String> chosen = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next() && chosen.size() < max) {
                    String job = rows.getString(2);
                    Integer free = left.get(job);
                    if (free != null) {
                        if (free <= 0) {
                            continue;
                        }
                        left.put(job, free - 1);
                    }
                    chosen.add(rows.getString(1));
                }
            }
            Instant now = Instant.now();
            PreparedStatement take = s.prepare("UPDATE tasks SET status = 'running', owner = ?, started_at = ? "
                    + "WHERE id = ? AND status = 'queued'");
            List<NewTask> claimed = new ArrayList<>();
            for (String id : chosen) {
                take.setString(1, owner.toString());
                Micros.set(take, 2, now);
                take.setString(3, id);
                if (take.executeUpdate() == 1) {
                    NewTask task = claimed(s, id, now);
                    if (task != null) {
                        claimed.add(task);
                    }
                }
            }
            return claimed;
        });
    }

    /** The claimed task as it was queued; {@code null} (and the task failed) when it cannot run. */
    private NewTask claimed(Writer.Statements s, String id, Instant now) throws SQLException {
        PreparedStatement read = s.prepare("SELECT t.job_id, t.trigger_type, t.params, t.input, t.rerun_of, t.queued_at, "
                + "v.job_text, v.job_file, v.hash FROM tasks t JOIN job_versions v ON v.hash = t.job_hash WHERE t.id = ?");
        read.setString(1, id);
        String problem;
        try (ResultSet row = read.executeQuery()) {
            if (!row.next()) {
                problem = "its job version is missing from the store";
            } else {
                JsonNode input = readJson(row.getString("input"));
                if (Snapshots.isMarker(input)) {
                    problem = "its message (" + input.path("bytes").asLong() + " bytes) was larger than the store keeps ("
                            + Snapshots.TASK_INPUT_BYTES + " bytes)";
                } else {
                    return new NewTask(id, row.getString("job_id"),
                            new JobVersion(row.getString("job_text"), row.getString("job_file"), row.getString("hash")),
                            row.getString("trigger_type"), (ObjectNode) readJson(row.getString("params")),
                            Message.fromJson(input), row.getString("rerun_of"), Micros.get(row, "queued_at"));
                }
            }
        }
        PreparedStatement fail = s.prepare("UPDATE tasks SET status = 'failed', ended_at = ?, error = ? WHERE id = ?");
        Micros.set(fail, 1, now);
        fail.setString(2, "cannot run: " + problem);
        fail.setString(3, id);
        fail.executeUpdate();
        return null;
    }

    static JsonNode readJson(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("the task store holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    // ---- the journal of a running task

    /**
     * Writes nothing: a task is marked running, with a start time, when it is recorded or claimed,
     * and its runner's exact start is written with its end ({@link #ended}). One commit fewer a task.
     */
    @Override
    public void started(TaskRecord running) {}

    @Override
    public void stepEnded(String taskId, long seq, StepRecord step) {
        writer.submit(s -> {
            PreparedStatement insert = s.prepare("INSERT INTO task_steps (task_id, seq, path, action, status, queued_at, "
                    + "started_at, ended_at, error, input, output) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.setString(1, taskId);
            insert.setLong(2, seq);
            insert.setString(3, step.path());
            insert.setString(4, step.action());
            insert.setString(5, step.status().jsonName());
            Micros.set(insert, 6, step.queuedAt());
            Micros.set(insert, 7, step.startedAt());
            Micros.set(insert, 8, step.endedAt());
            insert.setString(9, Snapshots.text(step.error()));
            insert.setString(10, step.input() == null ? null : Snapshots.json(TaskReports.input(step.input()), Snapshots.STEP_BYTES));
            insert.setString(11, step.output() == null ? null : Snapshots.json(step.output().toJsonView(), Snapshots.STEP_BYTES));
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public void logged(String taskId, long seq, LogLine line) {
        writer.submit(s -> {
            PreparedStatement insert = s.prepare("INSERT INTO task_logs (task_id, seq, logged_at, level, step, message) "
                    + "VALUES (?, ?, ?, ?, ?, ?)");
            insert.setString(1, taskId);
            insert.setLong(2, seq);
            Micros.set(insert, 3, line.time());
            insert.setString(4, line.level().jsonName());
            insert.setString(5, line.step());
            insert.setString(6, Snapshots.text(line.text()));
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public void ended(TaskRecord task) {
        writer.await(s -> {
            PreparedStatement update = s.prepare("UPDATE tasks SET status = ?, started_at = ?, ended_at = ?, error = ?, "
                    + "output = ? WHERE id = ?");
            update.setString(1, task.status().jsonName());
            Micros.set(update, 2, task.startedAt());
            Micros.set(update, 3, task.endedAt() == null ? Instant.now() : task.endedAt());
            update.setString(4, Snapshots.text(task.error()));
            if (task.output() == null) {
                update.setNull(5, Types.VARCHAR);
            } else {
                update.setString(5, Snapshots.json(task.output().toJson(), Snapshots.TASK_OUTPUT_BYTES));
            }
            update.setString(6, task.id());
            update.executeUpdate();
            return null;
        });
    }

    // ---- stopping tasks

    @Override
    public CancelOutcome cancel(String taskId, String reason) {
        interruptOrphans(); // a task whose process died is not waited on: it is interrupted
        return writer.await(s -> {
            PreparedStatement queued = s.prepare("UPDATE tasks SET status = 'cancelled', ended_at = ?, error = ? "
                    + "WHERE id = ? AND status = 'queued'");
            Micros.set(queued, 1, Instant.now());
            queued.setString(2, Snapshots.text(reason));
            queued.setString(3, taskId);
            if (queued.executeUpdate() == 1) {
                return CancelOutcome.CANCELLED;
            }
            PreparedStatement running = s.prepare("UPDATE tasks SET cancel_reason = COALESCE(cancel_reason, ?) "
                    + "WHERE id = ? AND status = 'running'");
            running.setString(1, Snapshots.text(reason));
            running.setString(2, taskId);
            if (running.executeUpdate() == 1) {
                return CancelOutcome.REQUESTED;
            }
            PreparedStatement exists = s.prepare("SELECT 1 FROM tasks WHERE id = ?");
            exists.setString(1, taskId);
            try (ResultSet row = exists.executeQuery()) {
                return row.next() ? CancelOutcome.ALREADY_ENDED : CancelOutcome.NOT_FOUND;
            }
        });
    }

    @Override
    public Map<String, String> cancelRequests() {
        return reads.cancelRequests(owner.toString());
    }

    @Override
    public Set<String> interruptedAtOpen() {
        return interruptedAtOpen;
    }

    @Override
    public Set<String> interruptOwnTasks(String reason) {
        return interrupt(owner.toString(), reason);
    }

    private Set<String> interrupt(String who, String reason) {
        return writer.await(s -> {
            PreparedStatement select = s.prepare("SELECT id FROM tasks WHERE status = 'running' AND owner = ?");
            select.setString(1, who);
            Set<String> ids = new LinkedHashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            PreparedStatement update = s.prepare("UPDATE tasks SET status = 'interrupted', ended_at = ?, error = ? "
                    + "WHERE status = 'running' AND owner = ?");
            Micros.set(update, 1, Instant.now());
            update.setString(2, reason);
            update.setString(3, who);
            update.executeUpdate();
            return ids;
        });
    }

    /** Marks interrupted the running tasks of processes of this machine that are gone (killed, crashed). */
    Set<String> interruptOrphans() {
        Set<String> interrupted = new LinkedHashSet<>();
        for (String who : reads.runningOwners()) {
            Optional<Owner> gone = Owner.parse(who).filter(Owner::deadHere);
            if (gone.isPresent()) {
                interrupted.addAll(interrupt(who, "interrupted: the process that ran it (pid " + gone.get().pid()
                        + ") stopped before the task ended; 'flowhost rerun' runs it again"));
            }
        }
        return interrupted;
    }

    @Override
    public int applyRetention(Retention retention) {
        return new RetentionRun(writer, reads, retention).apply();
    }

    // ---- reading

    @Override
    public TaskQuery.Page list(TaskQuery query) {
        return reads.list(query);
    }

    @Override
    public Optional<TaskSummary> summary(String taskId) {
        return reads.summary(taskId);
    }

    @Override
    public Optional<StoredTask> find(String taskId) {
        return reads.find(taskId);
    }

    @Override
    public List<TaskEvent> events(String taskId, long afterSeq) {
        return reads.events(taskId, afterSeq);
    }

    // ---- settings

    @Override
    public Optional<String> setting(String name) {
        return Optional.ofNullable(reads.settings(name, true).get(name));
    }

    @Override
    public Map<String, String> settings(String prefix) {
        return new LinkedHashMap<>(reads.settings(prefix, false));
    }

    @Override
    public void setting(String name, String value) {
        writer.await(s -> {
            PreparedStatement delete = s.prepare("DELETE FROM settings WHERE name = ?");
            delete.setString(1, name);
            delete.executeUpdate();
            PreparedStatement insert = s.prepare("INSERT INTO settings (name, setting_value) VALUES (?, ?)");
            insert.setString(1, name);
            insert.setString(2, value);
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
        database.close();
    }
}
