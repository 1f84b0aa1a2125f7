/**
 * Who may sign in: the Cognito user pool that issues the JWTs the HTTP API checks, and the web app client. Bureau
 * and mine users are created by administrators (no self sign-up); their role, jurisdiction and mine live in custom
 * attributes, which reach the handlers as `custom:role`, `custom:jurisdiction` and `custom:mineId` ID-token claims.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Custom attributes the tenancy rules read; users can read them but never write them. */
export const CLAIM_ATTRIBUTES = ['role', 'jurisdiction', 'mineId'] as const;

export class UserDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        role: new cognito.StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        jurisdiction: new cognito.StringAttribute({ minLen: 0, maxLen: 256, mutable: true }),
        mineId: new cognito.StringAttribute({ minLen: 0, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const readable = new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(...CLAIM_ATTRIBUTES);
    // Without an explicit list every attribute is writable by its user, who could then promote themselves.
    const writable = new cognito.ClientAttributes().withStandardAttributes({ fullname: true });

    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: readable,
      writeAttributes: writable,
    });

    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'TOTP MFA is offered to every user (optional); requiring it per role (bureau staff) is a policy decision still open. SMS MFA is off.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials feature plan: users are created by bureau administrators (no self sign-up) and Plus-tier threat protection is a per-user cost the bureaus have not approved yet.',
      },
    );
  }

  /** Issuer of the pool's tokens (partition-aware: amazonaws.com or amazonaws.com.cn). */
  get issuerUrl(): string {
    return `https://${this.userPool.userPoolProviderUrl}`;
  }
}
