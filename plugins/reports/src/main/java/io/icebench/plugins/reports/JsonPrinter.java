package io.icebench.plugins.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Two-space indentation with {@code '\n'} line ends, {@code "key": value}, and arrays of scalars on one line when the
 * writer asks for it with {@link #inlineNextArray()}. Ours rather than Jackson's {@code DefaultPrettyPrinter} so that
 * the layout of {@code results.json} cannot change with a Jackson upgrade, and because that printer puts either every
 * array or no array on one line. One instance per document: it holds the nesting state.
 */
final class JsonPrinter implements PrettyPrinter {

    private final Deque<Boolean> inlineArrays = new ArrayDeque<>();
    private boolean inlineNext;
    private int depth;

    /** Writes the next array on one line; only for arrays of numbers, strings, booleans and nulls. */
    void inlineNextArray() {
        inlineNext = true;
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
        gen.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newLine(gen);
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int nrOfEntries) throws IOException {
        depth--;
        if (nrOfEntries > 0) {
            newLine(gen);
        }
        gen.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
        inlineArrays.push(inlineNext);
        inlineNext = false;
        gen.writeRaw('[');
        depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        if (!inlineArrays.element()) {
            newLine(gen);
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        if (inlineArrays.element()) {
            gen.writeRaw(' ');
        } else {
            newLine(gen);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
        depth--;
        if (!inlineArrays.pop() && nrOfValues > 0) {
            newLine(gen);
        }
        gen.writeRaw(']');
    }

    private void newLine(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
        for (int i = 0; i < depth; i++) {
            gen.writeRaw("  ");
        }
    }
}
