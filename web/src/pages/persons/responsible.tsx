import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import {
  CheckboxGroupField,
  Form,
  FormErrors,
  type FormState,
  SubmitButton,
  TextareaField,
  useForm,
} from '../../forms/index.ts';
import { useLoad } from '../../use-load.ts';
import { chosenPersons, FIELD, type KeyPerson, personFields, personOptions, requireReason } from './person-fields.ts';

export { chosenPersons, type KeyPerson, personFields } from './person-fields.ts';

/**
 * 责任人: the responsible key persons (关键少数) a violation, an accident or a penalty names, chosen from the mine's key
 * persons as GET /v1/mines/{mineId}/persons answers them; the API checks each again and names a refused one by its
 * place in the list (`body.responsiblePersons.1`), which the form shows beside the field with the person's name.
 */
/** The checkboxes of the mine's key persons; a note instead when the mine has none on its file. */
export function ResponsiblePersonsField(props: {
  form: FormState;
  idPrefix: string;
  persons: readonly KeyPerson[] | undefined;
  hint?: string;
}) {
  if (!props.persons) return <p class="muted">正在读取本矿关键人员…</p>;
  if (props.persons.length === 0)
    return (
      <p class="muted" data-testid={`${props.idPrefix}-no-persons`}>
        本矿未登记关键人员，无法认定责任人。
      </p>
    );
  return (
    <CheckboxGroupField
      form={props.form}
      idPrefix={props.idPrefix}
      name={FIELD}
      label="责任人（本矿关键人员）"
      hint={props.hint ?? '可多选；不认定个人责任的可不选'}
      options={personOptions(props.persons)}
    />
  );
}

export type CorrectableKind = 'violation' | 'accident' | 'penalty';
const enc = encodeURIComponent;

/** The mine's key persons, read once per mine and page. */
export function useKeyPersons(mineId: string | undefined) {
  return useLoad(
    () =>
      mineId
        ? api.get<{ items: KeyPerson[] }>(`/v1/mines/${enc(mineId)}/persons`).then((r) => r.items)
        : Promise.resolve([] as KeyPerson[]),
    [mineId],
  );
}

const READ: Record<CorrectableKind, (id: string) => string> = {
  violation: (id) => `/v1/violations/${enc(id)}`,
  accident: (id) => `/v1/accidents/${enc(id)}`,
  penalty: (id) => `/v1/penalties/${enc(id)}`,
};
const WRITE: Record<CorrectableKind, (id: string) => string> = {
  violation: (id) => `/v1/violations/${enc(id)}`,
  accident: (id) => `/v1/accidents/${enc(id)}`,
  penalty: (id) => `/v1/penalties/${enc(id)}/responsible-persons`,
};

export interface NamedOnRecord {
  readonly personId: string;
  readonly name: string;
  readonly roleLabel: string;
}

/**
 * 更正责任人: the whole list of a record's responsible persons with the reason (audited). The record's current
 * version is read just before the correction is sent; a person named earlier who has since left the mine's file
 * stays ticked and may stay named.
 */
export function CorrectPersons(props: {
  kind: CorrectableKind;
  recordId: string;
  named: readonly NamedOnRecord[];
  persons: readonly KeyPerson[] | undefined;
  onDone: (named: readonly NamedOnRecord[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const p = `persons-${props.kind}-${props.recordId}`;
  const known = props.persons ?? [];
  // A person named earlier who is no longer on the mine's file is still offered (unticking removes them).
  const choices = [...known, ...props.named.filter((n) => !known.some((k) => k.personId === n.personId))];
  const form = useForm<{ responsiblePersons?: NamedOnRecord[] }>({
    initial: { [FIELD]: props.named.map((n) => n.personId) },
    send: async (values) => {
      const sent = chosenPersons(values);
      requireReason(values);
      try {
        const { version } = await api.get<{ version: number }>(READ[props.kind](props.recordId));
        return await api.patch<{ responsiblePersons?: NamedOnRecord[] }>(WRITE[props.kind](props.recordId), {
          version,
          reason: values.reason,
          [FIELD]: sent,
        });
      } catch (error) {
        throw personFields(error, sent, choices);
      }
    },
    success: '已更正责任人',
    onDone: (r) => {
      props.onDone(r.responsiblePersons ?? []);
      setOpen(false);
    },
  });
  if (!open)
    return (
      <button type="button" class="btn btn-small" data-testid="correct-persons" onClick={() => setOpen(true)}>
        {props.named.length ? '更正责任人' : '认定责任人'}
      </button>
    );
  return (
    <Form form={form} testid={p} class="persons-correction">
      <ResponsiblePersonsField
        form={form}
        idPrefix={p}
        persons={props.persons ? choices : undefined}
        hint="可多选；全部不选即撤销责任人认定"
      />
      <TextareaField form={form} idPrefix={p} name="reason" label="更正理由" required rows={2} maxLength={500} />
      <FormErrors form={form} testid={`${p}-errors`} />
      <div class="button-row">
        <SubmitButton form={form} label="保存责任人" testid="persons-submit" />
        <button type="button" class="btn" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </Form>
  );
}
