/**
 * The compliance checks every synthesis runs: cdk-nag's AWS Solutions rules, registered as a policy validation
 * plugin (cdk-nag 3). Findings we accept are acknowledged on the construct with `Validations.of(x).acknowledge`,
 * each with its reason. The infra tests run the same packs, so what they accept `cdk synth` accepts too.
 */
import { type App, Validations } from 'aws-cdk-lib';
// cdk-nag is CommonJS and Node's ESM loader cannot see its named exports.
import cdkNag from 'cdk-nag';
import type { IConstruct } from 'constructs';

export const compliancePacks = (scope?: IConstruct) => [new cdkNag.AwsSolutionsChecks(scope, { verbose: true })];

export const applyChecks = (app: App): void => {
  Validations.of(app).addPlugins(...compliancePacks(app));
};
