/*
 * pacer's exec window library, preloaded into every process of a `pacer exec --mode simulation`
 * target. valgrind runs with --collect-atstart=no; this library turns collection on in its
 * constructor (after the dynamic loader and the libraries it depends on, before the program's own
 * constructors) and off in its destructor (after the program's destructors and atexit handlers).
 * Frame names play no part, unlike --toggle-collect, whose "(below main)" matches two nested frames
 * on glibc >= 2.34 and toggled collection off again before main.
 *
 * Outside valgrind every request is a no-op, so the library is harmless in the processes that
 * merely start valgrind (setarch, the valgrind launcher script).
 */
#include <pthread.h>
#include "client-request.h"

/*
 * callgrind keeps its costs across fork(), so a forked child's file would repeat its parent's
 * costs up to the fork: the child starts from zero instead. Each exec'd program is a new valgrind
 * image that starts with collection off and runs this constructor again.
 */
static void zero_in_child(void) { pacer_client_request(PACER_REQ_CALLGRIND_ZERO_STATS); }

static int collecting;

__attribute__((constructor)) static void pacer_window_open(void) {
  if (pacer_client_request(PACER_REQ_RUNNING_ON_VALGRIND) == 0) return;
  pthread_atfork(0, 0, zero_in_child);
  pacer_client_request(PACER_REQ_CALLGRIND_TOGGLE_COLLECT);
  collecting = 1;
}

__attribute__((destructor)) static void pacer_window_close(void) {
  // Collection is a toggle: only close a window this process (or its parent before fork) opened.
  if (!collecting) return;
  collecting = 0;
  pacer_client_request(PACER_REQ_CALLGRIND_TOGGLE_COLLECT);
}
