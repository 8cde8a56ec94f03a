/**
 * The structured event log: each truncation and each protocol error as one JSON line (timestamp, client
 * pid/uid/command, object, sizes, reaction or error code), written to a file off the event loop, and the
 * latest events kept in memory for the status page. Fed by the core's and shm's observer interfaces.
 */
package io.shmward.server.eventlog;
