import { execFileSync } from 'node:child_process';

/** The Java processes of a DynamoDB Local whose -dbPath is under this data directory (none: an empty list). */
export function dynamoDbLocalOf(dataDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
