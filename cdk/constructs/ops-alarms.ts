/**
 * Where operators hear about trouble: one encrypted SNS topic and the alarms that publish to it (a function that
 * reports errors, a message that lands in a dead-letter queue).
 */
import { Duration, Names, NestedStack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CoalsafeFunction } from './coalsafe-function.ts';

export interface OpsAlarmsProps {
  /** Subscribed to the topic when given (context `alarmEmail`). */
  readonly email?: string;
}

export class OpsAlarms extends Construct {
  readonly topic: sns.Topic;
  /**
   * The functions' error alarms, one per function: in a nested stack of their own, so the main stack (500 resources
   * at most) does not grow by an alarm with each function.
   */
  readonly functionAlarms: NestedStack;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps = {}) {
    super(scope, id);

    // A customer managed key: CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the coalsafe alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', { displayName: 'coalsafe alarms', masterKey: key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
    this.functionAlarms = new NestedStack(this, 'FunctionAlarms', {
      description: 'coalsafe alarms: a function that reports errors',
    });
  }

  /** Errors > 0 in any five-minute window, in the function alarms' nested stack (the function's name passed in). */
  onFunctionErrors(fn: CoalsafeFunction): cloudwatch.Alarm {
    return this.whenAboveZero(
      this.functionAlarms,
      `${Names.uniqueId(fn)}ErrorsAlarm`,
      `${fn.node.path}: the function reported errors`,
      fn.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
    );
  }

  /** Any message visible in a dead-letter queue. */
  onDeadLetters(scope: Construct, dlq: sqs.IQueue): cloudwatch.Alarm {
    return this.whenAboveZero(
      scope,
      'DeadLettersAlarm',
      `${scope.node.path}: messages in the dead-letter queue`,
      dlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
    );
  }

  /** Every alarm here fires on the first occurrence and notifies the topic; no data is not a breach. */
  private whenAboveZero(
    scope: Construct,
    id: string,
    description: string,
    metric: cloudwatch.IMetric,
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      alarmDescription: description,
      metric,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
