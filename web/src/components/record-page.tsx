import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Step } from '../types.ts';
import type { Loaded } from '../use-load.ts';
import { ErrorBox } from './error-box.tsx';
import { MineLink } from './links.tsx';
import { Loading } from './loading.tsx';
import { Page } from './page.tsx';
import { PageHeader } from './page-header.tsx';
import { Steps } from './steps.tsx';

/**
 * One record's page (a case, a blacklist entry): the header with the way back to its list, the loading note or why
 * the record could not be read, then the record. The record pages import this file directly (not through
 * ./index.ts), so it loads with them rather than with the first page.
 */
export function RecordPage<T>(props: {
  name: string;
  loaded: Loaded<T>;
  title: string;
  subtitle?: ComponentChildren;
  back: { readonly href: string; readonly text: string };
  children: (record: T) => ComponentChildren;
}) {
  const { data, error, settled } = props.loaded;
  return (
    <Page name={props.name} ready={settled}>
      <PageHeader title={props.title} subtitle={props.subtitle}>
        <a href={props.back.href} class="btn btn-quiet">
          {props.back.text}
        </a>
      </PageHeader>
      {!settled ? <Loading /> : null}
      <ErrorBox error={!data ? error : undefined} />
      {data ? props.children(data) : null}
    </Page>
  );
}

/** A record's subtitle: its id, and its mine once loaded (linked to the mine's file). */
export function recordSubtitle(id: string, mine: { mineId: string; mineName: string } | undefined): ComponentChildren {
  return mine ? (
    <>
      {id} · <MineLink mineId={mine.mineId} name={mine.mineName} />
    </>
  ) : (
    id
  );
}

/** 办理过程: the record's history, oldest first. */
export function HistoryPanel(props: { steps: readonly Step[]; labels: Record<string, string> }) {
  return (
    <section class="panel">
      <h2>办理过程</h2>
      <Steps steps={props.steps} labels={props.labels} />
    </section>
  );
}

/** 办理: the actions the record's state allows, the last one's confirmation, and why the server refused one. */
export function ActionsPanel(props: { testid: string; error: unknown; children: ComponentChildren }) {
  return (
    <section class="panel actions" data-testid={props.testid}>
      <h2>办理</h2>
      {props.children}
      <ErrorBox error={props.error} />
    </section>
  );
}

/** The confirmation of the last action (已结案, 已送达事先告知书…), shown beside the buttons. */
export function ActionDone(props: { text: string | undefined }) {
  return props.text ? (
    <span class="ok-text" data-testid="action-done">
      {props.text}
    </span>
  ) : null;
}

/**
 * An action on a record: busy while the request runs, the confirmation once it succeeded (and `onDone`, which
 * reloads the record), or the error the server answered.
 */
export function useRecordAction(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const run = async (request: () => Promise<unknown>, doneText: string) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      await request();
      setDone(doneText);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run, setError, setDone };
}
