package io.icebench.runner.testing;

/**
 * A "billion laughs" YAML document that stays under SnakeYAML's limit of 50 aliases for collections: each of
 * {@code levels} lists holds two aliases of the one before, so a file of about 600 bytes expands to
 * 2<sup>levels + 1</sup> values when anything walks it as plain data, as SmallRye's flattening does.
 */
public final class YamlBomb {

    private YamlBomb() {
    }

    /** The document, with a harmless {@code icebench:} section first so it looks like a configuration. */
    public static String of(int levels) {
        StringBuilder yaml = new StringBuilder("icebench:\n  results-dir: out\nlol:\n  l0: &l0 [x, x]\n");
        for (int i = 1; i <= levels; i++) {
            yaml.append("  l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        return yaml.toString();
    }
}
