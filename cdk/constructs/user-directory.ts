/**
 * Who may sign in: the Cognito user pool that issues the JWTs the HTTP API checks, and the web app client. Bureau
 * and mine users are created by administrators (no self sign-up); their role, jurisdiction and mine live in custom
 * attributes, which reach the handlers as `custom:role`, `custom:jurisdiction` and `custom:mineId` ID-token claims.
 *
 * The web dashboard signs users in through the pool's hosted sign-in pages (OAuth authorization code with PKCE,
 * no client secret in a browser) and comes back to the dashboard's own URL. That URL is CloudFront's, which exists
 * only after the API (its other origin), and the API needs this client: so the client takes the URL lazily, from
 * `allowWebApp`, once the dashboard is built.
 */
import { Aws, Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { USER_POOL_ID_ENV } from '#lib/users/identity.ts';
import type { CoalsafeFunction } from './coalsafe-function.ts';

/** Custom attributes the tenancy rules read; users can read them but never write them. */
export const CLAIM_ATTRIBUTES = ['role', 'jurisdiction', 'mineId'] as const;

/**
 * What the users function may do on the pool: create a user (Cognito mails the temporary password), disable (and
 * sign out everywhere, which revokes the user's refresh tokens), enable.
 */
export const USER_MANAGEMENT_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminEnableUser',
] as const;

/**
 * How long an ID or access token is good for. The API's JWT authorizer checks tokens itself and cannot see a
 * revocation, so this is how long a disabled user's last token still works; the dashboard renews it silently with
 * the refresh token, which disabling revokes.
 */
export const TOKEN_VALIDITY = Duration.minutes(10);

/** What the sign-in trigger may do on the pool: read a user's MFA methods. */
export const MFA_GATE_ACTIONS = ['cognito-idp:AdminGetUser'] as const;

export interface UserDirectoryProps {
  /**
   * Prefix of the hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region; context
   * `authDomainPrefix`. Defaults to `coalsafe-<account id>`.
   */
  readonly domainPrefix?: string;
}

export class UserDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The hosted sign-in pages. */
  readonly domain: cognito.UserPoolDomain;
  private readonly appUrls: string[] = [];

  constructor(scope: Construct, id: string, props: UserDirectoryProps = {}) {
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
      // TOTP offered to everyone, required of bureau leaders and legal reviewers by the sign-in trigger (mfaGate).
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, adaptive authentication) enforced, not only audited.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const readable = new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(...CLAIM_ATTRIBUTES);
    // Without an explicit list every attribute is writable by its user, who could then promote themselves.
    const writable = new cognito.ClientAttributes().withStandardAttributes({ fullname: true });

    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `coalsafe-${Aws.ACCOUNT_ID}` },
    });

    const appUrls = Lazy.list({ produce: () => this.appUrls }, { omitEmpty: false });
    this.node.addValidation({
      validate: () =>
        this.appUrls.length === 0
          ? ['The web client has no callback URL: call allowWebApp(url) with the dashboard URL.']
          : [],
    });
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        // COGNITO_ADMIN (aws.cognito.signin.user.admin): the access token may call Cognito's user API for its own
        // user, which the dashboard's 两步验证 page needs to enrol TOTP (AssociateSoftwareToken,
        // VerifySoftwareToken, SetUserMFAPreference). It cannot touch the custom attributes (writeAttributes below).
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.EMAIL,
          cognito.OAuthScope.PROFILE,
          cognito.OAuthScope.COGNITO_ADMIN,
        ],
        callbackUrls: appUrls,
        logoutUrls: appUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: TOKEN_VALIDITY,
      accessTokenValidity: TOKEN_VALIDITY,
      refreshTokenValidity: Duration.days(30),
      readAttributes: readable,
      writeAttributes: writable,
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional for the pool because Cognito cannot require it per role: TOTP is required of bureau_admin and legal_reviewer by the pre-token-generation trigger (mfaGate), which withholds their role until TOTP is enrolled. SMS MFA is off.',
    });
  }

  /**
   * The pre-token-generation trigger that requires TOTP of bureau leaders and legal reviewers (lib/auth/mfa-gate.ts).
   * It may read users of this pool (AdminGetUser) and nothing else. Its grant is a policy of its own, not the role's
   * default policy: the function would otherwise wait for a policy that names the pool, which waits for the function.
   */
  gateMfa(fn: CoalsafeFunction): void {
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, fn.function);
    new iam.Policy(fn, 'ReadMfaSettings', {
      roles: [fn.role],
      statements: [new iam.PolicyStatement({ actions: [...MFA_GATE_ACTIONS], resources: [this.userPool.userPoolArn] })],
    });
  }

  /**
   * The function that manages users (`/v1/users`): it creates a user's sign-in and disables (signing the user out
   * everywhere) or enables it, and may do nothing else on the pool (no reading users, no changing their attributes, no deleting). The pool's id reaches it
   * by environment.
   */
  allowUserManagement(fn: CoalsafeFunction): void {
    fn.addEnvironment(USER_POOL_ID_ENV, this.userPool.userPoolId);
    this.userPool.grant(fn.role, ...USER_MANAGEMENT_ACTIONS);
  }

  /** Where the hosted sign-in sends users back to, and after signing out: the web dashboard's URL. */
  allowWebApp(url: string): void {
    this.appUrls.push(url);
  }

  /** The hosted sign-in origin (`https://<prefix>.auth.<region>.amazoncognito.com`): authorize, token, logout. */
  get signInOrigin(): string {
    return this.domain.baseUrl();
  }

  /**
   * Cognito's user API (`https://cognito-idp.<region>.<url suffix>/`), which the dashboard calls with the user's
   * access token to enrol TOTP. Partition-aware like the issuer (amazonaws.com.cn in China).
   */
  get idpEndpoint(): string {
    return `${this.idpOrigin}/`;
  }

  /** The origin of that API, as a CSP source. */
  get idpOrigin(): string {
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}`;
  }

  /** Issuer of the pool's tokens (partition-aware: amazonaws.com or amazonaws.com.cn). */
  get issuerUrl(): string {
    return `https://${this.userPool.userPoolProviderUrl}`;
  }
}
