// Without Java, DynamoDB Local cannot start; the developer must get an install hint, not `spawn java ENOENT`.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { assertJavaAvailable, javaMajorVersion } from '#local/java-check.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const emptyPath = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'coalsafe-nojava-'));
  dirs.push(dir);
  return dir;
};

describe.skipIf(process.platform === 'win32')('java check', () => {
  it('explains how to install Java when `java` is not on PATH', async () => {
    const env = { PATH: await emptyPath() };
    expect(() => assertJavaAvailable(env)).toThrow(/needs Java 17 or newer, but `java` was not found on PATH/);
    expect(() => assertJavaAvailable(env)).toThrow(/apt-get install -y openjdk-17-jre-headless/);
  });

  it('refuses a Java older than 17', async () => {
    const dir = await emptyPath();
    await writeFile(join(dir, 'java'), '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n');
    await chmod(join(dir, 'java'), 0o755);
    expect(() => assertJavaAvailable({ PATH: dir })).toThrow(/found Java 11/);
  });

  it('startDynamoDbLocal fails with the same message before spawning anything', async () => {
    const PATH = await emptyPath();
    await expect(startDynamoDbLocal({ checkJava: () => assertJavaAvailable({ PATH }) })).rejects.toThrow(
      /openjdk-17-jre-headless/,
    );
  });
});

describe('javaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['something else', null],
  ])('%s → %s', (output, major) => {
    expect(javaMajorVersion(output)).toBe(major);
  });
});
