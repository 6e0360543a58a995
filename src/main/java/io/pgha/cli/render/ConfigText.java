package io.pgha.cli.render;

import io.pgha.dcs.Cluster;

/**
 * {@code show-config} (patronictl.md §2.10): the dynamic configuration as block YAML with sorted keys,
 * followed by an empty line; nothing at all when the cluster has no {@code config} key.
 */
public final class ConfigText {
    private ConfigText() {
    }

    public static String render(Cluster cluster) {
        if (!cluster.config().present()) {
            return "";
        }
        return PyYaml.dump(cluster.config().data()) + "\n";
    }
}
