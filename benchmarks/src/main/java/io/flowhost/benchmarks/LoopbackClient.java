package io.flowhost.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection over loopback, written for the load generator: a request is
 * bytes written, a response is a status and a body read by its {@code Content-Length}. The JDK's
 * {@code HttpClient} costs the generator about a millisecond of processor time a call, as much as
 * the server spends on it, on a machine of two processors that both share; this costs a tenth.
 */
final class LoopbackClient implements AutoCloseable {
    /** A response: its status and body. */
    record Response(int status, String body) {}

    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    LoopbackClient(int port) {
        this.port = port;
    }

    /** @return the bytes of a POST of a JSON body */
    static byte[] post(String path, String token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Sends a request and reads its response, connecting (again) first when needed. */
    Response send(byte[] request) throws IOException {
        try {
            return exchange(request);
        } catch (IOException e) {
            close(); // the server closed a kept-alive connection: once more on a new one
            return exchange(request);
        }
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }
        out.write(request);
        out.flush();
        String status = line();
        if (status == null) {
            throw new IOException("the server closed the connection");
        }
        int code = Integer.parseInt(status.split(" ", 3)[1]);
        int length = 0;
        boolean close = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        byte[] body = in.readNBytes(length);
        if (close) {
            close();
        }
        return new Response(code, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = bytes.size();
                byte[] all = bytes.toByteArray();
                return new String(all, 0, n > 0 && all[n - 1] == '\r' ? n - 1 : n, StandardCharsets.US_ASCII);
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closed either way
            }
            socket = null;
        }
    }
}
