/** The fixed FIFO paths of the CodSpeed runner protocol; clients have them hard-coded. */
export const DEFAULT_CTL_PATH = "/tmp/runner.ctl.fifo";
export const DEFAULT_ACK_PATH = "/tmp/runner.ack.fifo";
