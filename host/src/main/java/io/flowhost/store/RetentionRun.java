package io.flowhost.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One application of a {@link Retention}: for each job on its own, the ended tasks that neither rule
 * keeps are deleted with their step records and log lines, 500 to a transaction, then the job
 * versions no task names any more.
 */
final class RetentionRun {
    private final Writer writer;
    private final TaskReads reads;
    private final Retention retention;

    RetentionRun(Writer writer, TaskReads reads, Retention retention) {
        this.writer = writer;
        this.reads = reads;
        this.retention = retention;
    }

    /** @return how many tasks were deleted */
    int apply() {
        if (retention.keepsAll()) {
            return 0;
        }
        int deleted = 0;
        Long age = retention.keepFor() == null ? null : Micros.of(Instant.now().minus(retention.keepFor()));
        for (String job : reads.jobIds()) {
            Long rank = null;
            if (retention.keepLast() > 0) {
                rank = reads.queuedAtOfRank(job, retention.keepLast());
                if (rank == null) {
                    continue; // fewer tasks than it keeps
                }
            }
            long before = rank == null ? age : age == null ? rank : Math.min(rank, age);
            while (true) {
                int removed = writer.await(s -> deleteBefore(s, job, before));
                deleted += removed;
                if (removed == 0) {
                    break;
                }
            }
        }
        if (deleted > 0) {
            writer.await(s -> s.prepare("DELETE FROM job_versions WHERE hash NOT IN (SELECT job_hash FROM tasks)")
                    .executeUpdate());
        }
        return deleted;
    }

    private static int deleteBefore(Writer.Statements s, String job, long before) throws SQLException {
        PreparedStatement select = s.prepare("SELECT id FROM tasks WHERE job_id = ? AND queued_at < ? AND status IN "
                + JdbcTaskStore.ENDED + " ORDER BY queued_at LIMIT 500");
        select.setString(1, job);
        select.setLong(2, before);
        List<String> ids = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        for (String table : List.of("task_steps", "task_logs", "tasks")) {
            PreparedStatement delete = s.prepare("DELETE FROM " + table + (table.equals("tasks") ? " WHERE id = ?"
                    : " WHERE task_id = ?"));
            for (String id : ids) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
        }
        return ids.size();
    }
}
