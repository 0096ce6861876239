#pragma once
// Hands memory that the process has freed back to the system.

namespace xdd {

// glibc keeps blocks of a few MB that threads free in its per-thread arenas, and a long-running
// program that allocates them from several threads (the app: scoring, t-SNE, drawing) grows its
// resident size by hundreds of MB it no longer uses. This returns the free pages of every arena
// (malloc_trim). A few milliseconds: call it on a worker after a heavy phase, never per frame.
// Does nothing where the C library has no such call.
void release_free_memory();

}  // namespace xdd
