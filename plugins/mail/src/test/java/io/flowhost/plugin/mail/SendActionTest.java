package io.flowhost.plugin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.testkit.ActionTester;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Against a real SMTP server on loopback (GreenMail), on a free port. */
class SendActionTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("robot", "s3cret-pass"));

    @TempDir
    Path root;

    private ActionTester mail() {
        return ActionTester.of(new SendAction()).withSettings("""
                {"roots": ["%s"], "servers": {"default": {"host": "127.0.0.1", "port": %d, "user": "robot",
                 "password": "s3cret-pass", "from": "flowhost@example.org"}}}
                """.formatted(root, SMTP.getSmtp().getPort()));
    }

    @Test
    void sendsTextAndHtmlWithAttachmentsFromNodes() throws Exception {
        Path report = Files.writeString(root.resolve("report.csv"), "a,b\n1,2\n");
        Message message = Message.empty().withNodes(List.of(Node.of(report.toString())));

        var run = mail().withMessage(message).run("""
                {"to": ["ada@example.org", "bo@example.org"], "subject": "Report für heute",
                 "text": "See the file.", "html": "<p>See the <b>file</b>.</p>", "attachNodes": true}
                """);

        assertThat(run.result().json().get("attachments").asInt()).isEqualTo(1);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage first = received[0];
        assertThat(first.getSubject()).isEqualTo("Report für heute");
        assertThat(first.getFrom()[0].toString()).isEqualTo("flowhost@example.org");
        MimeMultipart mixed = (MimeMultipart) first.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("See the file.");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("report.csv");
        assertThat(new String(mixed.getBodyPart(1).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualToNormalizingNewlines("a,b\n1,2\n");
    }

    @Test
    void serversComeFromTheHostConfigurationOnly() {
        assertThatThrownBy(() -> mail().run("{\"to\": \"a@example.org\", \"subject\": \"x\", \"text\": \"y\", \"server\": \"other\"}"))
                .hasMessage("no SMTP server 'other' in the host configuration (plugins.mail.servers has [default])");
        assertThatThrownBy(() -> ActionTester.of(new SendAction()).run("{\"to\": \"a@example.org\", \"subject\": \"x\", \"text\": \"y\"}"))
                .hasMessage("no SMTP server 'default' in the host configuration (plugins.mail.servers is empty)");
        assertThatThrownBy(() -> mail().run("{\"to\": \"a@example.org\", \"subject\": \"x\", \"text\": \"y\", \"attachments\": \"/etc/passwd\"}"))
                .hasMessage("path '/etc/passwd' is outside the allowed roots [" + root + "] (host configuration: plugins.mail.roots)");
        assertThatThrownBy(() -> mail().run("{\"to\": \"not an address\", \"subject\": \"x\", \"text\": \"y\"}"))
                .hasMessageStartingWith("'not an address' is not a mail address: ");
    }
}
