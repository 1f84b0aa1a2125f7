/**
 * The single DynamoDB table, built from the shared TABLE_DEFINITION (keys, indexes, TTL) so AWS and the local store
 * cannot drift apart. It also owns the one data-access grant every function gets: item and query actions on this
 * table and its named indexes, and nothing else (no Scan, no table management).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '#lib/store/table-definition.ts';

/**
 * What a handler may do with the table. TransactWriteItems / TransactGetItems need no actions of their own: IAM
 * authorises each item in a transaction with the item-level action (PutItem, UpdateItem, ConditionCheckItem, …).
 */
export const DATA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

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

  /** Item and query access to the table and each index by name (no `index/*` wildcard). */
  grantData(grantee: iam.IGrantable): iam.Grant {
    const { tableArn } = this.table;
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...DATA_ACTIONS],
      resourceArns: [tableArn, ...TABLE_DEFINITION.indexes.map((index) => `${tableArn}/index/${index.name}`)],
    });
  }
}
