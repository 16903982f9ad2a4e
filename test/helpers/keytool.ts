/**
 * JVM flags for the short keytool runs of the tests: the quick JIT tier and the serial collector start a
 * JVM for about a third less CPU, and change nothing in what keytool writes or lists.
 */
export const KEYTOOL_JVM = ["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"];
