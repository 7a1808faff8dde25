package io.flowhost.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store's reads, each on a connection of the pool: they never wait for the writer. */
final class TaskReads {
    private static final String SUMMARY = "id, job_id, status, trigger_type, queued_at, started_at, ended_at, error, "
            + "rerun_of, job_hash";

    private final Database database;

    TaskReads(Database database) {
        this.database = database;
    }

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(String what, Query<T> query) {
        try (Connection connection = database.connection()) {
            return query.run(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + what + " from the task store " + database.describe + ": "
                    + Database.reason(e), e);
        }
    }

    TaskQuery.Page list(TaskQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY + " FROM tasks WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.jobId() != null) {
            sql.append(" AND job_id = ?");
            args.add(query.jobId());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().jsonName());
        }
        Cursor cursor = Cursor.parse(query.cursor());
        if (cursor != null) {
            sql.append(" AND (queued_at < ? OR (queued_at = ? AND id < ?))");
            args.add(cursor.queuedAt());
            args.add(cursor.queuedAt());
            args.add(cursor.id());
        }
        sql.append(" ORDER BY queued_at DESC, id DESC LIMIT ?");
        args.add(query.limit() + 1);
        return read("tasks", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    select.setObject(i + 1, args.get(i));
                }
                List<TaskSummary> tasks = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        tasks.add(summary(rows));
                    }
                }
                if (tasks.size() <= query.limit()) {
                    return new TaskQuery.Page(tasks, null);
                }
                List<TaskSummary> page = tasks.subList(0, query.limit());
                TaskSummary last = page.get(page.size() - 1);
                return new TaskQuery.Page(page, new Cursor(Micros.of(last.queuedAt()), last.id()).toString());
            }
        });
    }

    /** Where a page ends: the last task's queue time and id. */
    private record Cursor(long queuedAt, String id) {
        static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            int dash = text.indexOf('~');
            try {
                return new Cursor(Long.parseLong(text.substring(0, dash)), text.substring(dash + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of this list: '" + text + "'");
            }
        }

        @Override
        public String toString() {
            return queuedAt + "~" + id;
        }
    }

    private static TaskSummary summary(ResultSet rows) throws SQLException {
        return new TaskSummary(rows.getString("id"), rows.getString("job_id"), TaskStatus.of(rows.getString("status")),
                rows.getString("trigger_type"), Micros.get(rows, "queued_at"), Micros.get(rows, "started_at"),
                Micros.get(rows, "ended_at"), rows.getString("error"), rows.getString("rerun_of"),
                rows.getString("job_hash"));
    }

    Optional<TaskSummary> summary(String id) {
        return read("task " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SUMMARY + " FROM tasks WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(summary(rows)) : Optional.empty();
                }
            }
        });
    }

    Optional<StoredTask> find(String id) {
        return read("task " + id, connection -> {
            TaskSummary summary;
            JobVersion job;
            ObjectNode params;
            JsonNode input;
            JsonNode output;
            try (PreparedStatement select = connection.prepareStatement("SELECT t.id, t.job_id, t.status, t.trigger_type, "
                    + "t.queued_at, t.started_at, t.ended_at, t.error, t.rerun_of, t.job_hash, t.params, t.input, t.output, "
                    + "v.job_text, v.job_file FROM tasks t LEFT JOIN job_versions v ON v.hash = t.job_hash WHERE t.id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    summary = summary(row);
                    String text = row.getString("job_text");
                    job = new JobVersion(text == null ? "" : text, row.getString("job_file"), summary.jobHash());
                    params = (ObjectNode) JdbcTaskStore.readJson(row.getString("params"));
                    input = JdbcTaskStore.readJson(row.getString("input"));
                    output = JdbcTaskStore.readJson(row.getString("output"));
                }
            }
            List<StoredTask.Step> steps = new ArrayList<>();
            List<Long> stepSeqs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT seq, path, action, status, queued_at, "
                    + "started_at, ended_at, error, input, output FROM task_steps WHERE task_id = ? ORDER BY seq")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        stepSeqs.add(rows.getLong("seq"));
                        steps.add(new StoredTask.Step(rows.getString("path"), rows.getString("action"),
                                StepStatus.of(rows.getString("status")), Micros.get(rows, "queued_at"),
                                Micros.get(rows, "started_at"), Micros.get(rows, "ended_at"), rows.getString("error"),
                                JdbcTaskStore.readJson(rows.getString("input")), JdbcTaskStore.readJson(rows.getString("output"))));
                    }
                }
            }
            // a report lists steps in the order the runner reached them; the log, in the order they ended
            List<StoredTask.Step> reached = new ArrayList<>(steps);
            reached.sort(Comparator.comparing(StoredTask.Step::queuedAt));
            List<LogLine> logs = new ArrayList<>();
            for (TaskEvent event : logs(connection, id, 0)) {
                logs.add(((TaskEvent.Log) event).line());
            }
            return Optional.of(new StoredTask(summary, job, params, reached, logs, input, output));
        });
    }

    List<TaskEvent> events(String id, long afterSeq) {
        return read("the log of task " + id, connection -> {
            List<TaskEvent> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT seq, path, action, status, queued_at, "
                    + "started_at, ended_at, error FROM task_steps WHERE task_id = ? AND seq > ? ORDER BY seq")) {
                select.setString(1, id);
                select.setLong(2, afterSeq);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events.add(new TaskEvent.Step(rows.getLong("seq"), rows.getString("path"), rows.getString("action"),
                                StepStatus.of(rows.getString("status")), Micros.get(rows, "queued_at"),
                                Micros.get(rows, "started_at"), Micros.get(rows, "ended_at"), rows.getString("error")));
                    }
                }
            }
            events.addAll(logs(connection, id, afterSeq));
            events.sort(Comparator.comparingLong(TaskEvent::seq));
            return events;
        });
    }

    private static List<TaskEvent> logs(Connection connection, String id, long afterSeq) throws SQLException {
        List<TaskEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, logged_at, level, step, message "
                + "FROM task_logs WHERE task_id = ? AND seq > ? ORDER BY seq")) {
            select.setString(1, id);
            select.setLong(2, afterSeq);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new TaskEvent.Log(rows.getLong("seq"), new LogLine(Micros.get(rows, "logged_at"),
                            LogLine.Level.of(rows.getString("level")), rows.getString("step"), rows.getString("message"))));
                }
            }
        }
        return events;
    }

    Map<String, String> cancelRequests(String owner) {
        return read("cancel requests", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, cancel_reason FROM tasks "
                    + "WHERE status = 'running' AND owner = ? AND cancel_reason IS NOT NULL")) {
                select.setString(1, owner);
                Map<String, String> requests = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        requests.put(rows.getString(1), rows.getString(2));
                    }
                }
                return requests;
            }
        });
    }

    List<String> runningOwners() {
        return strings("running tasks", "SELECT DISTINCT owner FROM tasks WHERE status = 'running' AND owner IS NOT NULL");
    }

    List<String> jobIds() {
        return strings("jobs", "SELECT DISTINCT job_id FROM tasks");
    }

    private List<String> strings(String what, String sql) {
        return read(what, connection -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        });
    }

    /** @return the queue time of the job's {@code rank}-th newest ended task, or {@code null} if it has fewer */
    Long queuedAtOfRank(String job, int rank) {
        return read("tasks of job " + job, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT queued_at FROM tasks WHERE job_id = ? "
                    + "AND status IN " + JdbcTaskStore.ENDED + " ORDER BY queued_at DESC, id DESC LIMIT 1 OFFSET ?")) {
                select.setString(1, job);
                select.setInt(2, rank - 1);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : null;
                }
            }
        });
    }

    /**
     * @return the setting named {@code name} ({@code exact}), or every setting whose name starts with
     *         it (settings are few: tokens and schedules; the prefix is matched here, not with a
     *         collation-dependent range or a LIKE that reads '_' as a wildcard)
     */
    Map<String, String> settings(String name, boolean exact) {
        return read("settings", connection -> {
            String sql = exact ? "SELECT name, setting_value FROM settings WHERE name = ?"
                    : "SELECT name, setting_value FROM settings ORDER BY name";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (exact) {
                    select.setString(1, name);
                }
                Map<String, String> values = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getString(1).startsWith(name)) {
                            values.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
                return values;
            }
        });
    }
}
