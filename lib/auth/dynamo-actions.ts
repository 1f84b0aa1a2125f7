/**
 * The DynamoDB item actions the app's credentials may carry, split by what they do. Nothing else is ever granted:
 * no Scan, no PartiQL, no table management. TransactWriteItems / TransactGetItems need no actions of their own: IAM
 * authorises each item in a transaction with the item-level action (PutItem, UpdateItem, ConditionCheckItem, …).
 */
export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

export const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;
