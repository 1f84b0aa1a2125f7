/**
 * DynamoDB Local is a Java program (its jar is built for Java 17). Check for a usable `java` before starting it,
 * so a machine without one gets an install hint instead of a bare `spawn java ENOENT`.
 */
import { spawnSync } from 'node:child_process';

export const MIN_JAVA_MAJOR = 17;

const INSTALL_HINT =
  'Install a Java 17+ runtime, e.g. on Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; ' +
  'on macOS: `brew install openjdk@17`; then check with `java -version`.';

/** Throws a clear Error if `java` is missing or older than Java 17; returns the major version otherwise. */
export function assertJavaAvailable(env: NodeJS.ProcessEnv = process.env): { major: number | null } {
  const result = spawnSync('java', ['-version'], { env, encoding: 'utf8', timeout: 15_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? '`java` was not found on PATH' : `\`java -version\` failed (${result.error.message})`;
    throw new Error(
      `The local store (DynamoDB Local) needs Java ${MIN_JAVA_MAJOR} or newer, but ${why}. ${INSTALL_HINT}`,
    );
  }
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  if (result.status !== 0) {
    throw new Error(`\`java -version\` exited with ${result.status}: ${output.trim()}. ${INSTALL_HINT}`);
  }
  const major = javaMajorVersion(output);
  if (major !== null && major < MIN_JAVA_MAJOR) {
    throw new Error(
      `The local store (DynamoDB Local) needs Java ${MIN_JAVA_MAJOR} or newer; found Java ${major}. ${INSTALL_HINT}`,
    );
  }
  return { major };
}

/** `openjdk version "17.0.15"` → 17; `java version "1.8.0_392"` → 8; unknown format → null. */
export function javaMajorVersion(versionOutput: string): number | null {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return null;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}
