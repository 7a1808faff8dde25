package io.flowhost.cli;

import static io.flowhost.cli.FlowhostTest.flowhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each plugin's sample job of scripts/jobs/, run as a user runs it (the CLI, the plugin jars the
 * build made), on real files in a temporary folder and against real servers on loopback.
 */
class SampleJobsTest {
    private static final Path JOBS = Path.of(System.getProperty("flowhost.root", "..")).resolve("scripts/jobs");

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path root;

    private FlowhostTest.Result run(String job, Path config, String... params) {
        String[] args = new String[4 + params.length * 2];
        args[0] = "run";
        args[1] = JOBS.resolve(job).toString();
        args[2] = "--config";
        args[3] = config.toString();
        for (int i = 0; i < params.length; i++) {
            args[4 + 2 * i] = "-p";
            args[5 + 2 * i] = params[i];
        }
        FlowhostTest.Result result = flowhost(args);
        assertThat(result.exit()).as(result.err()).isZero();
        return result;
    }

    @Test
    void filesHashesAndCopies() throws Exception {
        Path inbox = JobServers.inbox(root);

        FlowhostTest.Result result = run("files-hash.json", JobServers.config(root), "folder=" + inbox, "out=" + root.resolve("out"));

        assertThat(root.resolve("out/essay.txt")).hasSameTextualContentAs(inbox.resolve("essay.txt"));
        assertThat(result.err()).contains("info      show: essay.txt f61c2eef9625, notes.txt 2ebde976c36b");
    }

    @Test
    void archiveZipsAndUnzips() throws Exception {
        Path inbox = JobServers.inbox(root);

        FlowhostTest.Result result = run("archive-roundtrip.json", JobServers.config(root), "folder=" + inbox,
                "out=" + root.resolve("out"));

        assertThat(root.resolve("out/inbox.zip")).exists();
        assertThat(root.resolve("out/restored/inbox/todo.md")).hasSameTextualContentAs(inbox.resolve("todo.md"));
        assertThat(result.err()).contains("restored 4 files: essay.txt, notes.txt, report.csv, todo.md");
    }

    @Test
    void shellRunsAnAllowedCommand() throws Exception {
        Path inbox = JobServers.inbox(root);
        Path config = JobServers.config(root, "shell", "{\"allow\": {\"wc\": \"/usr/bin/wc\"}}");

        FlowhostTest.Result result = run("shell-count-lines.json", config, "folder=" + inbox);

        assertThat(result.err()).contains(inbox.resolve("notes.txt").toString(), " total");
    }

    @Test
    void httpFetchesFromALoopbackServer() throws Exception {
        try (JobServers.Http http = new JobServers.Http()) {
            FlowhostTest.Result result = run("http-fetch.json", JobServers.config(root), "url=" + http.url("/tickets.json"));

            assertThat(result.err()).contains("info      show: open: printer, coffee");
        }
    }

    @Test
    void dataFiltersSortsAndWritesCsv() throws Exception {
        Path inbox = JobServers.inbox(root);

        FlowhostTest.Result result = run("data-report.json", JobServers.config(root), "csv=" + inbox.resolve("report.csv"),
                "out=" + root.resolve("busiest.csv"), "atLeast=100");

        assertThat(result.err()).contains("busy days, the busiest 2026-07-29 (113 shots)");
        assertThat(Files.readAllLines(root.resolve("busiest.csv")).get(1)).isEqualTo("2026-07-29,X100V,113");
    }

    @Test
    void mailSendsToALoopbackSmtpServer() throws Exception {
        Path inbox = JobServers.inbox(root);
        Path config = JobServers.config(root, "mail", "{\"servers\": {\"default\": {\"host\": \"127.0.0.1\", \"port\": "
                + SMTP.getSmtp().getPort() + ", \"from\": \"flowhost@localhost\"}}}");

        run("mail-inbox.json", config, "folder=" + inbox, "to=ada@example.org");

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("2 files from inbox");
        assertThat(((MimeMultipart) mail.getContent()).getCount()).isEqualTo(3);
    }

    @Test
    void jobsStartsAnotherJobAndTakesItsOutput() throws Exception {
        FlowhostTest.Result result = run("jobs-parent.json", JobServers.config(root));

        assertThat(result.err()).contains("info      show: child succeeded: hello child (asked by parent)");
    }

    @Test
    void coreArtifactsAreInTheReportAndFilesAreCopiedIntoTheDataFolder() throws Exception {
        Path report = Files.writeString(root.resolve("report.csv"), "a,b\n");
        Path config = Files.writeString(root.resolve("config.json"), """
                { "dataDir": "data", "plugins": { "core": { "roots": ["%s"] } } }
                """.formatted(root));
        Path job = Files.writeString(root.resolve("attach.json"), """
                { "id": "attach", "steps": [
                  { "id": "summary", "action": "core.artifact", "params": { "name": "summary", "json": { "files": 1 } } },
                  { "id": "file", "action": "core.artifact", "params": { "name": "report.csv", "file": "%s" } } ] }
                """.formatted(report));

        FlowhostTest.Result result = flowhost("run", job.toString(), "--config", config.toString(), "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        var artifacts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out()).get("artifacts");
        assertThat(artifacts.get(0).toString()).isEqualTo("{\"step\":\"summary\",\"name\":\"summary\",\"json\":{\"files\":1}}");
        Path copy = Path.of(artifacts.get(1).get("file").asText());
        assertThat(copy).startsWith(root.resolve("data/artifacts")).hasContent("a,b");
        assertThat(result.err()).contains("artifact  summary: summary = {\"files\":1}", "artifact  file: report.csv -> " + copy);
    }
}
