import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * A role whose granted statements are kept in the role itself (its inline `Policies`), not in a separate
 * AWS::IAM::Policy resource. IAM stores both the same way (an inline policy of the role, 10,240 characters in all);
 * only the template differs: one resource per role instead of two, which keeps the stack well under
 * CloudFormation's 500 resources as functions are added (tests/infra/stack.test.ts). Every grant reaches a role
 * through addToPrincipalPolicy, so none is lost; the function waits for its role, which now holds the policy.
 */
export class InlineRole extends iam.Role {
  private readonly granted: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    const granted = new iam.PolicyDocument();
    super(scope, id, { ...props, inlinePolicies: { ...props.inlinePolicies, Granted: granted } });
    this.granted = granted;
  }

  override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.granted.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}
