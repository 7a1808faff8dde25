package io.flowhost.cli;

import static io.flowhost.cli.FlowhostTest.flowhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each preset job of scripts/jobs/presets/, on real files, with the loopback HTTP and SMTP servers it needs. */
class PresetJobsTest {
    private static final Path PRESETS = Path.of(System.getProperty("flowhost.root", "..")).resolve("scripts/jobs/presets");

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path root;

    private FlowhostTest.Result run(String preset, Path config, String... params) {
        List<String> args = new ArrayList<>(List.of("run", PRESETS.resolve(preset).toString(), "--config", config.toString()));
        for (String param : params) {
            args.add("-p");
            args.add(param);
        }
        FlowhostTest.Result result = flowhost(args.toArray(String[]::new));
        assertThat(result.exit()).as(result.err()).isZero();
        return result;
    }

    private Path file(String relative, String content, Duration age) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    void purgeOldFilesDeletesOnlyFilesOlderThanTheDaysAndADryRunNothing() throws Exception {
        Path old = file("data/old.log", "old", Duration.ofDays(40));
        Path deep = file("data/sub/older.log", "older", Duration.ofDays(400));
        Path fresh = file("data/fresh.log", "fresh", Duration.ofDays(2));
        Path config = JobServers.config(root);

        FlowhostTest.Result dry = run("purge-old-files.json", config, "folder=" + root.resolve("data"), "dryRun=true");
        assertThat(dry.err()).contains("would delete 2: old.log, older.log");
        assertThat(old).exists();

        run("purge-old-files.json", config, "folder=" + root.resolve("data"), "days=30");
        assertThat(old).doesNotExist();
        assertThat(deep).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void sortByExtensionMovesFilesIntoFoldersNamedAfterTheirExtension() throws Exception {
        file("in/a.PDF", "a", Duration.ZERO);
        file("in/b.jpg", "b", Duration.ZERO);
        file("in/README", "c", Duration.ZERO);

        FlowhostTest.Result result = run("sort-by-extension.json", JobServers.config(root), "folder=" + root.resolve("in"));

        assertThat(root.resolve("in/pdf/a.PDF")).exists();
        assertThat(root.resolve("in/jpg/b.jpg")).exists();
        assertThat(root.resolve("in/other/README")).exists();
        assertThat(result.err()).contains("moved 3 files");
    }

    @Test
    void folderReportIsACsvMailed() throws Exception {
        file("docs/a.txt", "abc", Duration.ZERO);
        file("docs/deep/b.txt", "hello", Duration.ZERO);
        Path config = JobServers.config(root, "mail", "{\"servers\": {\"default\": {\"host\": \"127.0.0.1\", \"port\": "
                + SMTP.getSmtp().getPort() + ", \"from\": \"reports@localhost\"}}}");

        run("folder-report-mail.json", config, "folder=" + root.resolve("docs"), "to=ada@example.org",
                "out=" + root.resolve("reports"));

        Path csv = root.resolve("reports/report-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("path,name,size,mtime,sha256");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(root.resolve("docs/a.txt") + ",a.txt,3,")
                .endsWith(",ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Report of docs: 2 files, 8 B");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo(csv.getFileName().toString());
        assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("deep/b.txt,b.txt,5,");
    }

    @Test
    void datedZipBackupPacksTheFolderAndDropsExpiredBackups() throws Exception {
        file("site/index.html", "<h1>hi</h1>", Duration.ZERO);
        Path expired = file("backups/site-2020-01-01.zip", "old zip", Duration.ofDays(90));
        Path other = file("backups/other-2020-01-01.zip", "not ours", Duration.ofDays(90));

        run("dated-zip-backup.json", JobServers.config(root), "folder=" + root.resolve("site"),
                "backups=" + root.resolve("backups"));

        assertThat(root.resolve("backups/site-" + LocalDate.now(ZoneOffset.UTC) + ".zip")).exists();
        assertThat(expired).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void recomputeHashesWritesEveryDigest() throws Exception {
        file("files/a.txt", "abc", Duration.ZERO);
        file("files/sub/b.txt", "abc", Duration.ZERO);

        FlowhostTest.Result result = run("recompute-hashes.json", JobServers.config(root), "folder=" + root.resolve("files"),
                "algorithm=md5", "out=" + root.resolve("hashes.csv"));

        assertThat(Files.readAllLines(root.resolve("hashes.csv"))).containsExactly("path,size,md5",
                root.resolve("files/a.txt") + ",3,900150983cd24fb0d6963f7d28e17f72",
                root.resolve("files/sub/b.txt") + ",3,900150983cd24fb0d6963f7d28e17f72");
        assertThat(result.err()).contains("hashed 2 files into " + root.resolve("hashes.csv"));
    }

    @Test
    void csvRowsArePostedOneByOneAndAFailedRowDoesNotStopTheOthers() throws Exception {
        Path csv = file("rows.csv", "name,qty\napple,3\nbroken,0\npear,5\n", Duration.ZERO);
        try (JobServers.Http http = new JobServers.Http()) {
            FlowhostTest.Result result = run("csv-to-http.json", JobServers.config(root), "csv=" + csv, "url=" + http.url("/rows"),
                    "token=t0k3n-value");

            assertThat(http.posted).containsExactlyInAnyOrder("Bearer t0k3n-value {\"name\":\"apple\",\"qty\":\"3\"}",
                    "Bearer t0k3n-value {\"name\":\"pear\",\"qty\":\"5\"}");
            assertThat(result.err()).contains("2 of 3 rows imported");
        }
    }
}
