/**
 * The single DynamoDB table, built from the shared TABLE_DEFINITION (keys, indexes, TTL) so AWS and the local store
 * cannot drift apart. It also owns the data-access grant: what a function declared (TableNeeds) on this table and
 * the indexes it named, and nothing else (no Scan, no table management).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { READ_ACTIONS, type TableNeeds, tableActions, WRITE_ACTIONS } from '#lib/store/access-needs.ts';
import { INDEXES, TABLE_DEFINITION } from '#lib/store/table-definition.ts';

/** Every data action any function may be granted (no Scan, no table management); each gets its declared subset. */
export const DATA_ACTIONS = [...READ_ACTIONS, ...WRITE_ACTIONS] as const;

const str = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class DataTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { keys, indexes, ttlAttribute } = TABLE_DEFINITION;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: str(keys.partitionKey),
      sortKey: str(keys.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: ttlAttribute,
    });
    for (const index of indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /**
   * A function's declared access: the actions of its mode on the table and each index it named (no `index/*`
   * wildcard), limited to its partition prefixes by `dynamodb:LeadingKeys` when it declared them.
   */
  grantNeeds(grantee: iam.IGrantable, needs: TableNeeds): iam.Grant {
    const { tableArn } = this.table;
    return iam.Grant.addToPrincipal({
      grantee,
      actions: tableActions(needs),
      resourceArns: [tableArn, ...needs.indexes.map((index) => `${tableArn}/index/${index}`)],
      conditions: needs.leadingKeys ? leadingKeysCondition(needs.leadingKeys.map((p) => `${p}*`)) : undefined,
    });
  }

  /** The ARNs of these indexes, for a policy that names them (the mine access role). */
  indexArnsOf(names: readonly (keyof typeof INDEXES)[]): string[] {
    return names.map((name) => `${this.table.tableArn}/index/${INDEXES[name].name}`);
  }
}

/** Only items whose partition key (of the table or the index queried) matches one of the patterns. */
export const leadingKeysCondition = (patterns: readonly string[]): Record<string, Record<string, string[]>> => ({
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] },
});
