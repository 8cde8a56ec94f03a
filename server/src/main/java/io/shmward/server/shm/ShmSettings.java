package io.shmward.server.shm;

/** How the shm subsystem is configured: formats offered, reaction to truncation, per-client limits. */
public record ShmSettings(ShmFormats formats, TruncationReaction reaction, ShmLimits limits) {
}
