package io.flowhost.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tasks' scratch folders: {@code flowhost-PID-TASKID} in the temporary directory, where PID is the
 * process that ran the task. A task deletes its folder when it ends; a process killed before that
 * (kill -9, a crash) leaves it, and the next runner removes the folders of processes that are gone.
 * Folders of live processes, such as another {@code flowhost run} at the same time, are never touched.
 */
final class Scratch {
    private static final Pattern NAME = Pattern.compile("flowhost-(\\d+)-\\d{8}-\\d{6}-[0-9a-f]{5,}");

    private Scratch() {}

    /** @return the scratch folder of a task of this process (not created) */
    static Path forTask(String taskId) {
        return temporaryDirectory().resolve("flowhost-" + ProcessHandle.current().pid() + "-" + taskId);
    }

    /**
     * Removes the scratch folders of processes that no longer run.
     *
     * @return the folders removed
     */
    static List<Path> removeStale() {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(temporaryDirectory(), "flowhost-*")) {
            for (Path folder : folders) {
                Matcher name = NAME.matcher(folder.getFileName().toString());
                if (name.matches() && Files.isDirectory(folder) && !alive(name.group(1))) {
                    try {
                        delete(folder);
                        removed.add(folder);
                    } catch (IOException e) {
                        // another user's folder, or one that a concurrent run is removing: not ours to insist on
                    }
                }
            }
        } catch (IOException e) {
            // no readable temporary directory: nothing to clean
        }
        return removed;
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Deletes a folder and what it holds, without following links. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
