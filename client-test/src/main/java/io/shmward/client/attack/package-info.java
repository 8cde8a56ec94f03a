/**
 * The malicious-client catalogue: scenarios (one class per family: {@code ShmAttacks}, {@code StallAttacks}
 * (work that would stall a compositor's event loop), {@code BoundAttacks} (bounds a compositor must hold, and
 * honest growth it must not refuse), {@code WireAttacks}, {@code CrowdAttacks}), each a self-contained client with a robust expectation that rests on the protocol's
 * text or a reference implementation, never on what Shmward happens to do; a runner that checks a bystander
 * and the compositor's life around every scenario; and reports (text, JSON, Markdown, side-by-side
 * comparison). It runs against any compositor with a Wayland socket.
 */
package io.shmward.client.attack;
