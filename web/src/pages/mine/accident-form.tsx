import { useState } from 'preact/hooks';
import { ACCIDENT_LEVEL_LABELS, ACCIDENT_LEVELS } from '#lib/accidents/vocabulary.ts';
import { api } from '../../api.ts';
import { todayShanghai } from '../../format.ts';
import {
  CheckboxGroupField,
  DateField,
  Form,
  FormErrors,
  NumberField,
  SelectField,
  SubmitButton,
  TextareaField,
  useForm,
} from '../../forms/index.ts';
import type { Accident } from '../../types.ts';
import { chosenPersons, type KeyPerson, personFields, ResponsiblePersonsField } from '../persons/responsible.tsx';

/**
 * 记录生产安全事故: a bureau recorder's record of an accident at this mine — date, level, casualties, what happened,
 * whether the mine concealed or misreported it — and the responsible key persons it names. The API refuses a level
 * below what the casualties require, beside the level.
 */
const LEVELS = ACCIDENT_LEVELS.map((l) => ({ value: l, label: ACCIDENT_LEVEL_LABELS[l] }));
const FLAGS = [
  { value: 'concealed', label: '瞒报' },
  { value: 'misreported', label: '谎报' },
];

interface Props {
  mineId: string;
  persons: readonly KeyPerson[] | undefined;
  onRecorded: (a: Accident) => void;
}

/** The button, then the form (a new, empty one each time it opens). */
export function RecordAccident(props: Props) {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  if (!open)
    return (
      <button type="button" class="btn btn-small" data-testid="record-accident" onClick={() => setOpen(true)}>
        记录事故
      </button>
    );
  return (
    <AccidentForm
      key={round}
      {...props}
      onClose={() => setOpen(false)}
      onRecorded={(a) => {
        props.onRecorded(a);
        setOpen(false);
        setRound((r) => r + 1);
      }}
    />
  );
}

function AccidentForm(props: Props & { onClose: () => void }) {
  const form = useForm<Accident>({
    initial: { date: todayShanghai(), level: 'general', deaths: '0', injuries: '0' },
    idempotent: true,
    success: '已记录事故',
    send: (values, headers) => {
      const flags = Array.isArray(values.flags) ? values.flags : [];
      const persons = chosenPersons(values);
      const { flags: _flags, ...rest } = values;
      return api
        .post<Accident>(
          `/v1/mines/${encodeURIComponent(props.mineId)}/accidents`,
          {
            ...rest,
            deaths: Number(values.deaths ?? 0),
            injuries: Number(values.injuries ?? 0),
            concealed: flags.includes('concealed'),
            misreported: flags.includes('misreported'),
          },
          headers,
        )
        .catch((error: unknown) => {
          throw personFields(error, persons, props.persons ?? []);
        });
    },
    onDone: props.onRecorded,
  });
  const p = 'accident';
  return (
    <Form form={form} testid="accident-form" class="persons-correction">
      <DateField form={form} idPrefix={p} name="date" label="发生日期" required max={todayShanghai()} />
      <SelectField form={form} idPrefix={p} name="level" label="事故等级" required options={LEVELS} />
      <NumberField form={form} idPrefix={p} name="deaths" label="死亡人数" unit="人" min={0} required />
      <NumberField form={form} idPrefix={p} name="injuries" label="重伤人数" unit="人" min={0} required />
      <TextareaField form={form} idPrefix={p} name="description" label="事故经过" required rows={3} maxLength={2000} />
      <CheckboxGroupField
        form={form}
        idPrefix={p}
        name="flags"
        label="报告情况"
        options={FLAGS}
        hint="如实报告的不选"
      />
      <ResponsiblePersonsField form={form} idPrefix={p} persons={props.persons} />
      <FormErrors form={form} testid="accident-errors" />
      <div class="button-row">
        <SubmitButton form={form} label="保存事故记录" testid="accident-submit" />
        <button type="button" class="btn" onClick={props.onClose}>
          取消
        </button>
      </div>
    </Form>
  );
}
