package io.flowhost.plugin.mail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.HostSettings;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * {@code mail.send}: a mail over an SMTP server of the host configuration.
 *
 * <p>Host settings ({@code plugins.mail}): {@code servers}, an object of named servers, each
 * {@code {"host", "port" (25), "user", "password", "tls": "none"|"starttls"|"ssl" ("none"), "from",
 * "timeout" ("30s")}}; the password is best written {@code {"secret": "SMTP_PASSWORD"}}. And
 * {@code roots}, the folders attachments may come from (default: the working folder).
 */
@Extension
public final class SendAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("mail.send")
                .label("Send a mail")
                .summary("Sends a text and/or HTML mail with attachments over an SMTP server of the host configuration")
                .description("""
                        Sends to 'to' (and 'cc', 'bcc': an address or an array) with 'subject', a 'text' body, an \
                        'html' body or both (then as multipart/alternative): write them as templates, or render \
                        a template file in a script.template step first and use {{ last.string }}. \
                        'attachments' are files (inside plugins.mail.roots); with 'attachNodes' the message's \
                        nodes are attached too. 'server' names one of plugins.mail.servers (default "default"); \
                        the sender is 'from', else the server's. Jobs never give a host, user or password: those \
                        are the host's. The output is {"to", "subject", "attachments"}.""")
                .param(ParamSpec.any("to", "An address or an array of addresses").asRequired())
                .param(ParamSpec.any("cc", "An address or an array of addresses"))
                .param(ParamSpec.any("bcc", "An address or an array of addresses"))
                .param(ParamSpec.string("subject", "The subject").asRequired())
                .param(ParamSpec.string("text", "The plain text body"))
                .param(ParamSpec.string("html", "The HTML body"))
                .param(ParamSpec.any("attachments", "A file or an array of files to attach"))
                .param(ParamSpec.bool("attachNodes", "Attach the message's nodes").withDefault(false))
                .param(ParamSpec.string("server", "A server of the host configuration").withDefault("default"))
                .param(ParamSpec.string("from", "The sender; by default the server's 'from'"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws MessagingException, IOException {
        var params = context.params();
        if (!params.has("text") && !params.has("html")) {
            throw new IllegalArgumentException("give a 'text' body, an 'html' body, or both");
        }
        HostSettings servers = context.settings().section("servers");
        String name = params.string("server");
        HostSettings server = servers.section(name);
        if (server.json().isEmpty()) {
            throw new IllegalArgumentException("no SMTP server '" + name + "' in the host configuration (plugins.mail.servers"
                    + (servers.json().isEmpty() ? " is empty" : " has " + listOf(servers)) + ")");
        }
        String host = server.string("host").orElseThrow(() -> new IllegalArgumentException(
                "SMTP server '" + name + "' has no host in the host configuration"));
        FileRoots roots = FileRoots.of(context.settings(), "mail");
        List<Path> attachments = new ArrayList<>();
        if (params.has("attachments")) {
            params.strings("attachments").forEach(path -> attachments.add(roots.resolve(path)));
        }
        if (params.bool("attachNodes")) {
            for (Node node : context.message().nodes()) {
                attachments.add(roots.resolve(node.path()));
            }
        }
        for (Path file : attachments) {
            if (!Files.isRegularFile(file)) {
                return StepResult.failed("attachment '" + file + "' is not a file");
            }
        }

        // Jakarta Mail finds its providers and MIME handlers through the context class loader: make it
        // this plugin's, where Angus Mail is, rather than the host's, which has none.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SendAction.class.getClassLoader());
        try {
            Session session = session(server, host);
            MimeMessage mail = new MimeMessage(session);
            String from = params.optionalString("from").or(() -> server.string("from")).orElseThrow(() ->
                    new IllegalArgumentException("give 'from', or a 'from' for server '" + name + "' in the host configuration"));
            mail.setFrom(address(from));
            mail.setRecipients(Message.RecipientType.TO, addresses(params.strings("to")));
            if (params.has("cc")) {
                mail.setRecipients(Message.RecipientType.CC, addresses(params.strings("cc")));
            }
            if (params.has("bcc")) {
                mail.setRecipients(Message.RecipientType.BCC, addresses(params.strings("bcc")));
            }
            mail.setSubject(params.string("subject"), "UTF-8");
            MimeMultipart body = body(params.optionalString("text").orElse(null), params.optionalString("html").orElse(null));
            if (attachments.isEmpty()) {
                mail.setContent(body);
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart content = new MimeBodyPart();
                content.setContent(body);
                mixed.addBodyPart(content);
                for (Path file : attachments) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.attachFile(file.toFile());
                    mixed.addBodyPart(part);
                }
                mail.setContent(mixed);
            }
            context.checkCancelled();
            Transport.send(mail);
        } finally {
            thread.setContextClassLoader(previous);
        }
        var output = JsonNodeFactory.instance.objectNode();
        output.putArray("to").addAll(params.strings("to").stream().map(JsonNodeFactory.instance::textNode).toList());
        output.put("subject", params.string("subject"));
        output.put("attachments", attachments.size());
        return StepResult.ok(output);
    }

    private static Session session(HostSettings server, String host) {
        String tls = server.string("tls").orElse("none");
        String port = server.string("port").orElse(tls.equals("ssl") ? "465" : "25");
        long timeout = io.flowhost.api.Durations.parse(server.string("timeout").orElse("30s")).toMillis();
        String protocol = tls.equals("ssl") ? "smtps" : "smtp";
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put("mail." + protocol + ".host", host);
        properties.put("mail." + protocol + ".port", port);
        properties.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout));
        properties.put("mail." + protocol + ".timeout", String.valueOf(timeout));
        properties.put("mail." + protocol + ".writetimeout", String.valueOf(timeout));
        if (tls.equals("starttls")) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        } else if (!tls.equals("none") && !tls.equals("ssl")) {
            throw new IllegalArgumentException("tls must be none, starttls or ssl, not '" + tls + "'");
        }
        var user = server.string("user");
        if (user.isEmpty()) {
            return Session.getInstance(properties);
        }
        properties.put("mail." + protocol + ".auth", "true");
        String password = server.string("password").orElse("");
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user.get(), password);
            }
        });
    }

    private static MimeMultipart body(String text, String html) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (text != null) {
            MimeBodyPart part = new MimeBodyPart();
            part.setText(text, "UTF-8");
            alternative.addBodyPart(part);
        }
        if (html != null) {
            MimeBodyPart part = new MimeBodyPart();
            part.setText(html, "UTF-8", "html");
            alternative.addBodyPart(part);
        }
        return alternative;
    }

    private static InternetAddress address(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + text + "' is not a mail address: " + e.getMessage());
        }
    }

    private static InternetAddress[] addresses(List<String> texts) {
        return texts.stream().map(SendAction::address).toArray(InternetAddress[]::new);
    }

    private static String listOf(HostSettings servers) {
        List<String> names = new ArrayList<>();
        servers.json().fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

}
