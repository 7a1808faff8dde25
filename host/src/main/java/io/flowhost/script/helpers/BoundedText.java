package io.flowhost.script.helpers;

import java.io.Writer;

/**
 * Where a helper writes a text whose length it cannot tell beforehand (escapes, JSON, replacements):
 * it fails as soon as the text would pass {@link Bounds#TEXT}, so a helper never builds a huge text
 * only to refuse it afterwards.
 */
final class BoundedText extends Writer {
    private final StringBuilder text = new StringBuilder();
    private final Args args;

    BoundedText(Args args) {
        this.args = args;
    }

    private void room(int more) {
        if (more > Bounds.TEXT - text.length()) {
            throw args.wrong("the result is over the limit of " + Bounds.TEXT + " characters");
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        room(length);
        text.append(chars, offset, length);
    }

    @Override
    public void write(int c) {
        room(1);
        text.append((char) c);
    }

    @Override
    public void write(String string, int offset, int length) {
        room(length);
        text.append(string, offset, offset + length);
    }

    @Override
    public BoundedText append(CharSequence chars) {
        CharSequence value = chars == null ? "null" : chars;
        room(value.length());
        text.append(value);
        return this;
    }

    @Override
    public BoundedText append(CharSequence chars, int start, int end) {
        CharSequence value = chars == null ? "null" : chars;
        room(end - start);
        text.append(value, start, end);
        return this;
    }

    @Override
    public BoundedText append(char c) {
        write(c);
        return this;
    }

    int length() {
        return text.length();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return text.toString();
    }
}
