/**
 * The SQS side of the app, built from the shared queue list: per queue an encrypted queue, its dead-letter queue,
 * an alarm on that dead-letter queue and the consumer function with partial batch failure reporting. A producer
 * gets the URL in `QUEUE_URL_<NAME>` and permission to send for each queue its declaration names, nothing more; a consumer gets both only for the
 * queues its queue's `sendsTo` names. A consumer whose queue `sends` email or SMS gets that channel's permission
 * (DeliveryChannels); no other function gets any.
 */
import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type QueueSpec, queueUrlEnv } from '#lib/queue/queue-spec.ts';
import { mergeNeeds } from '#lib/store/access-needs.ts';
import type { EntryResolver } from '../project-paths.ts';
import { CoalsafeFunction } from './coalsafe-function.ts';
import type { DataTable } from './data-table.ts';
import type { DeliveryChannel, DeliveryChannels } from './delivery-channels.ts';
import type { OpsAlarms } from './ops-alarms.ts';

export interface WorkQueuesProps {
  readonly queues: readonly QueueSpec[];
  readonly entryFor: EntryResolver;
  readonly table: DataTable;
  readonly alarms: OpsAlarms;
  readonly delivery: DeliveryChannels;
}

/**
 * AWS advises a queue visibility timeout of at least six times the consumer's timeout, so a batch retried after a
 * throttle is not delivered twice while still in flight; the consumer's timeout follows from the queue's (at least
 * 3 s unless the queue's is shorter, at most Lambda's 15 minutes).
 */
export const consumerTimeoutSeconds = (visibilityTimeoutSeconds: number): number =>
  Math.min(900, Math.max(Math.min(visibilityTimeoutSeconds, 3), Math.floor(visibilityTimeoutSeconds / 6)));

/** Above 10 messages per batch Lambda requires a batching window. */
const batchingWindow = (batchSize: number): Duration | undefined => (batchSize > 10 ? Duration.seconds(1) : undefined);

export class WorkQueues extends Construct {
  readonly functions: CoalsafeFunction[] = [];
  readonly queues = new Map<string, sqs.Queue>();
  readonly deadLetterQueues = new Map<string, sqs.Queue>();

  constructor(scope: Construct, id: string, props: WorkQueuesProps) {
    super(scope, id);

    const consumers = new Map<string, CoalsafeFunction>();
    const consumersSending: [CoalsafeFunction, string[]][] = [];
    const consumerScope = new Construct(this, 'Consumers');

    for (const spec of props.queues) {
      const queueScope = new Construct(this, spec.name);
      const dlq = new sqs.Queue(queueScope, 'DeadLetterQueue', {
        retentionPeriod: Duration.days(14),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const queue = new sqs.Queue(queueScope, 'Queue', {
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: dlq, maxReceiveCount: spec.maxReceiveCount },
      });
      props.alarms.onDeadLetters(queueScope, dlq);
      this.queues.set(spec.name, queue);
      this.deadLetterQueues.set(spec.name, dlq);

      // One function per consumer module, even if a module drains several queues; it must fit the shortest one.
      const sharing = props.queues.filter((q) => q.module === spec.module);
      let consumer = consumers.get(spec.module);
      if (!consumer) {
        consumer = new CoalsafeFunction(consumerScope, spec.module, {
          entry: props.entryFor('queue', spec.module),
          description: `Queue consumer ${spec.module} (${sharing.map((q) => q.name).join(', ')})`,
          table: props.table,
          needs: {
            ...mergeNeeds(sharing.map((q) => q.needs)),
            sendsTo: [...new Set(sharing.flatMap((q) => q.sendsTo ?? []))],
          },
          timeout: Duration.seconds(
            Math.min(...sharing.map((q) => consumerTimeoutSeconds(q.visibilityTimeoutSeconds))),
          ),
        });
        consumers.set(spec.module, consumer);
        this.functions.push(consumer);
        props.delivery.allow(consumer, [...new Set<DeliveryChannel>(sharing.flatMap((q) => q.sends ?? []))]);
        consumersSending.push([consumer, [...(consumer.needs.sendsTo ?? [])]]);
      }
      consumer.function.addEventSource(
        new SqsEventSource(queue, {
          batchSize: spec.batchSize,
          maxBatchingWindow: batchingWindow(spec.batchSize),
          reportBatchItemFailures: true,
        }),
      );
    }
    // Once every queue exists: a consumer may send to one defined after its own.
    for (const [consumer, names] of consumersSending) this.allowSend(consumer, names);
  }

  /** Lets a function send to the named queues: the URL in its environment and sqs:SendMessage, for each. */
  allowSend(fn: CoalsafeFunction, names: readonly string[]): void {
    for (const name of names) {
      const queue = this.queues.get(name);
      if (!queue) throw new Error(`No queue "${name}" to send to (queues: ${[...this.queues.keys()].join(', ')})`);
      fn.addEnvironment(queueUrlEnv(name), queue.queueUrl);
      queue.grantSendMessages(fn.role);
    }
  }
}
