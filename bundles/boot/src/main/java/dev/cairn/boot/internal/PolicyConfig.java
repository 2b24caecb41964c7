package dev.cairn.boot.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration Admin view of the registration policy, PID {@code dev.cairn.boot.policy}.
 * Every list names filesystem types; names not registered are kept and apply once such a
 * type shows up.
 */
@ObjectClassDefinition(name = "Cairn registration policy",
        description = "How boot registers filesystem types in every sandbox's VFS")
@interface PolicyConfig {
    @AttributeDefinition(name = "User-mountable types",
            description = "Types a task's mount(2) may use, in addition to the built-in table")
    String[] allowUserMount() default {};

    @AttributeDefinition(name = "Types denied to users",
            description = "Types a task's mount(2) may not use even when the table allows it")
    String[] denyUserMount() default {};

    @AttributeDefinition(name = "Unlisted types", description = "Types hidden from /proc/filesystems")
    String[] unlisted() default {};

    @AttributeDefinition(name = "Types requiring a device",
            description = "Types whose source must name a block device")
    String[] requiresDevice() default {};

    @AttributeDefinition(name = "Type wait (ms)",
            description = "How long creating a sandbox waits for the filesystem types its spec needs")
    long typeWaitMillis() default PolicySettings.DEFAULT_TYPE_WAIT_MILLIS;
}
