/* Budget: parent 200k before fork + 100k after; forked child 600k. Total 900,000. */
#include <sys/wait.h>
#include <unistd.h>
#include "spin.h"
int main(void) {
  spin(100000);
  pid_t child = fork();
  if (child == 0) {
    spin(300000);
    return 0;
  }
  waitpid(child, 0, 0);
  spin(50000);
  return 0;
}
