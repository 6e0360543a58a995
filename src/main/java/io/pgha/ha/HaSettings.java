package io.pgha.ha;

import io.pgha.dcs.DynamicConfig;

/**
 * This node's settings that HA decisions depend on, as resolved from its local configuration
 * (config.md §3). {@code dynamicConfig} is the agent's cached copy of the dynamic configuration
 * ({@code patroni.dynamic.json}, or {@code bootstrap.dcs} before any cluster exists): the last
 * {@code /config} it applied. It is used when the DCS cannot be read and when {@code /config} is empty.
 *
 * @param cloneMethods          the replica creation methods a clone tries (ha-loop.md §5.2, §14.1)
 * @param hasBootstrapSection   the local configuration has a {@code bootstrap} section, so this node may
 *                              initialise a new cluster
 */
public record HaSettings(
        String name,
        Tags tags,
        boolean usePgRewind,
        boolean removeDataDirectoryOnRewindFailure,
        boolean removeDataDirectoryOnDivergedTimelines,
        boolean hasBootstrapSection,
        CloneMethods cloneMethods,
        DynamicConfig dynamicConfig) {

    public HaSettings {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the node needs a name");
        }
        tags = tags == null ? Tags.NONE : tags;
        cloneMethods = cloneMethods == null ? CloneMethods.DEFAULT : cloneMethods;
        dynamicConfig = dynamicConfig == null ? DynamicConfig.ABSENT : dynamicConfig;
    }

    /** Defaults of a node with a bootstrap section and no tags. */
    public static HaSettings of(String name) {
        return new HaSettings(name, Tags.NONE, false, false, false, true, CloneMethods.DEFAULT, DynamicConfig.ABSENT);
    }

    public HaSettings withTags(Tags value) {
        return new HaSettings(name, value, usePgRewind, removeDataDirectoryOnRewindFailure,
                removeDataDirectoryOnDivergedTimelines, hasBootstrapSection, cloneMethods, dynamicConfig);
    }

    public HaSettings withRewind(boolean usePgRewind, boolean removeOnRewindFailure, boolean removeOnDivergedTimelines) {
        return new HaSettings(name, tags, usePgRewind, removeOnRewindFailure, removeOnDivergedTimelines,
                hasBootstrapSection, cloneMethods, dynamicConfig);
    }

    public HaSettings withBootstrap(boolean hasBootstrapSection) {
        return new HaSettings(name, tags, usePgRewind, removeDataDirectoryOnRewindFailure,
                removeDataDirectoryOnDivergedTimelines, hasBootstrapSection, cloneMethods, dynamicConfig);
    }

    public HaSettings withCloneMethods(CloneMethods value) {
        return new HaSettings(name, tags, usePgRewind, removeDataDirectoryOnRewindFailure,
                removeDataDirectoryOnDivergedTimelines, hasBootstrapSection, value, dynamicConfig);
    }

    public HaSettings withDynamicConfig(DynamicConfig value) {
        return new HaSettings(name, tags, usePgRewind, removeDataDirectoryOnRewindFailure,
                removeDataDirectoryOnDivergedTimelines, hasBootstrapSection, cloneMethods, value);
    }
}
