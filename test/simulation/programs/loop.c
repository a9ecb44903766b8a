/* Budget: 2·n instructions in main (n = argv[1], default 500000: 1,000,000). */
#include <stdlib.h>
#include "spin.h"
int main(int argc, char **argv) {
  spin(argc > 1 ? atol(argv[1]) : 500000);
  return 0;
}
