package io.icebench.runner.config;

import io.icebench.runner.UsageException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.UnicodeReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration file's text, read within caps and checked for what YAML itself accepts without a word.
 *
 * <p>SnakeYAML, which SmallRye Config reads YAML with, keeps the last of two equal keys and only logs a warning,
 * so a second {@code plugins:} section silently drops the first one with its thresholds. Its alias limit counts
 * aliases, not what they expand to: 24 levels of two aliases each fit in 600 bytes and expand to 2<sup>24</sup>
 * values, which SmallRye's flattening turns into gigabytes before it runs out of memory. Both are configuration
 * mistakes, so both are refused here, before SmallRye sees the text, with one line naming the file.
 *
 * <p>The expansion is counted on the composed node tree, where an alias is the same node as its anchor and each
 * node's expanded size is computed once; nothing is expanded to count it.
 */
final class ConfigFile {

    /** The largest configuration file read; the shipped ones are a few KiB. */
    static final int MAX_BYTES = 1 << 20;

    /** The most YAML nodes a file may expand to through its aliases; the shipped ones have a few hundred. */
    static final long MAX_NODES = 100_000;

    private ConfigFile() {
    }

    /**
     * Reads and checks {@code file}.
     *
     * @return its text, for SmallRye's YAML source
     * @throws UsageException when the file is too large, is not UTF-8 or YAML, expands beyond {@link #MAX_NODES},
     *                        refers to itself, holds more than one document, or repeats a key in a mapping
     */
    static String read(Path file) {
        String text = text(file);
        List<Node> documents;
        try {
            documents = compose(text);
        } catch (YAMLException e) {
            // SnakeYAML's messages carry the line and column.
            throw new UsageException("configuration file '" + file + "' is not valid YAML: "
                    + oneLine(e.getMessage()) + "; fix the syntax at that line");
        }
        if (documents.size() > 1) {
            throw new UsageException("configuration file '" + file + "' holds " + documents.size()
                    + " YAML documents (the second starts at line " + line(documents.get(1))
                    + "); icebench reads one: remove the '---' line and merge the documents");
        }
        for (Node document : documents) {
            if (expandedSize(document, file) > MAX_NODES) {
                throw tooLarge(file);
            }
            duplicates(document, "", file, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return text;
    }

    private static String text(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw tooBig(file);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw tooBig(file);
            }
            // SnakeYAML's reader: UTF-8 unless a byte order mark says UTF-16 or UTF-32, as before.
            StringWriter text = new StringWriter();
            try (Reader reader = new UnicodeReader(new ByteArrayInputStream(bytes))) {
                reader.transferTo(text);
            }
            return text.toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("configuration file '" + file + "' is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new UsageException("cannot read configuration file '" + file + "': " + e);
        }
    }

    private static UsageException tooBig(Path file) {
        return new UsageException("configuration file '" + file + "' is larger than " + (MAX_BYTES >> 20)
                + " MiB, the most icebench reads; is it the right file? (the shipped ones are a few KiB)");
    }

    private static UsageException tooLarge(Path file) {
        return new UsageException("configuration file '" + file + "' expands to more than " + MAX_NODES
                + " YAML values through its aliases (*name), the most icebench reads; write the values out,"
                + " or nest fewer aliases");
    }

    private static List<Node> compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        List<Node> documents = new ArrayList<>();
        for (Node document : new Yaml(options).composeAll(new java.io.StringReader(text))) {
            // A '---' with nothing after it is an empty document, not a second configuration.
            boolean empty = document instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)
                    && scalar.getValue().isEmpty();
            if (!empty) {
                documents.add(document);
            }
        }
        return documents;
    }

    /**
     * How many nodes {@code root} would be with every alias replaced by a copy of its anchor, or the first count
     * past {@link #MAX_NODES}. Depth first without recursion (a chain of aliases can be deeper than the stack),
     * each node's size computed once.
     */
    static long expandedSize(Node root, Path file) {
        Map<Node, Long> sizes = new IdentityHashMap<>();
        Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            if (sizes.containsKey(node)) {
                stack.pop();
            } else if (open.add(node)) {
                for (Node child : children(node)) {
                    if (open.contains(child) && !sizes.containsKey(child)) {
                        throw new UsageException("configuration file '" + file + "': the anchor '&"
                                + child.getAnchor() + "' at line " + line(child) + " is used by an alias inside"
                                + " itself, so it never ends; write the values out");
                    }
                    stack.push(child);
                }
            } else {
                long size = 1;
                for (Node child : children(node)) {
                    size += sizes.get(child);
                }
                if (size > MAX_NODES) {
                    return size;
                }
                sizes.put(node, size);
                stack.pop();
            }
        }
        return sizes.get(root);
    }

    private static List<Node> children(Node node) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        if (node instanceof MappingNode mapping) {
            List<Node> children = new ArrayList<>(mapping.getValue().size() * 2);
            for (NodeTuple tuple : mapping.getValue()) {
                children.add(tuple.getKeyNode());
                children.add(tuple.getValueNode());
            }
            return children;
        }
        return List.of();
    }

    /** Refuses a key that appears twice in one mapping, naming it by its dotted path and both lines. */
    private static void duplicates(Node node, String path, Path file, Set<Node> seen) {
        if (!seen.add(node)) {
            return;  // an alias: its anchor was checked where it was written
        }
        if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                duplicates(items.get(i), path + "[" + i + "]", file, seen);
            }
        } else if (node instanceof MappingNode mapping) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String child = path;
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    Node first = keys.putIfAbsent(key.getValue(), key);
                    if (first != null) {
                        throw new UsageException("configuration file '" + file + "': key '" + child
                                + "' appears twice, at lines " + line(first) + " and " + line(key)
                                + "; YAML would silently keep only the second: keep one (merge them if they are sections)");
                    }
                }
                duplicates(tuple.getValueNode(), child, file, seen);
            }
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String oneLine(String message) {
        return message == null ? "(no detail)" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
