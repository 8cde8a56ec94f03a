package io.shmward.server.shm;

import io.shmward.server.core.Client;

/**
 * One read of a buffer's pixels that found bytes missing, with what a report of it needs: whose buffer,
 * where it lies in its pool, how short the file was, and what the server did about it.
 *
 * @param client       the buffer's owner
 * @param bufferId     the {@code wl_buffer}'s object id
 * @param offset       the buffer's first byte in its pool
 * @param bufferBytes  the buffer's size in the pool (stride times height)
 * @param poolSize     the pool's size as the client declared it
 * @param fileSize     the pool file's size when the read failed; -1 when even fstat failed
 * @param failure      truncation or I/O error
 * @param errno        the errno of an I/O error, else 0
 * @param missingBytes bytes of the read that the file did not supply
 * @param reaction     what the server did
 * @param zeroFilled   bytes handed to the consumer as zeros (the missing bytes under zero-fill, else 0)
 * @param newEvent     false while the same truncation of the same buffer goes on frame after frame (under
 *                     zero-fill): one truncation is one event, however many reads find it
 */
public record ReadFailure(Client client, int bufferId, long offset, long bufferBytes, long poolSize, long fileSize,
                          ReadOutcome.Failure failure, int errno, long missingBytes, TruncationReaction reaction,
                          long zeroFilled, boolean newEvent) {
}
