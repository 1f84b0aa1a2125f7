import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import {
  DateField,
  Form,
  FormErrors,
  type FormValue,
  NumberField,
  type Option,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from '../forms/index.ts';
import { useLoad } from '../use-load.ts';
import { type HazardBody, hazardBody, toFormFields } from './finding-bodies.ts';

export type { HazardBody };

/**
 * 记录隐患: a hazard found on an inspection, general or major. A major one names its category in the standard in
 * force and carries the 挂牌督办 五落实 (measures, deadline, responsible person, funds, contingency plan) and the
 * supervising official; the API checks them and its messages show beside each input. Photos picked here go to the
 * hazard's 发现 step once the hazard exists (the page decides how: at once, or from the outbox).
 */
export interface HazardFormProps {
  /** The inspection's id, or `@ref:inspection-<local>` while its start still waits on the phone. */
  readonly inspectionId: string;
  /** The signed-in officer, preselected as the supervising official. */
  readonly me: { readonly userId: string; readonly name?: string };
  /** Sends the body (with the form's Idempotency-Key) and the photos; resolves when kept or sent. */
  readonly send: (body: HazardBody, photos: readonly File[], idempotencyKey: string) => Promise<void>;
}

interface Standard {
  readonly id: string;
  readonly name: string;
  readonly inForce: boolean;
  readonly categories: readonly { code: string; name: string; article: string }[];
}
interface User {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly active: boolean;
}

/**
 * The standard's categories and the directory, read once per page load and kept: the page asks for them when it
 * opens, so the form still offers them after the signal drops at the mine.
 */
let lists: Promise<{ standards: Standard[]; users: User[] }> | undefined;
export function hazardLists(): Promise<{ standards: Standard[]; users: User[] }> {
  lists ??= Promise.all([
    api.get<{ items: Standard[] }>('/v1/hazard-standards'),
    api.get<{ items: User[] }>('/v1/users', { active: 'true' }),
  ]).then(
    ([standards, users]) => ({ standards: standards.items, users: users.items }),
    (error: unknown) => {
      lists = undefined;
      throw error;
    },
  );
  return lists;
}

const LEVELS: readonly Option[] = [
  { value: 'general', label: '一般事故隐患' },
  { value: 'major', label: '重大事故隐患（挂牌督办）' },
];

const INITIAL: Record<string, FormValue> = { level: 'general' };

export function HazardForm(props: HazardFormProps) {
  const [photos, setPhotos] = useState<File[]>([]);
  const lists = useLoad(hazardLists, []);
  const officials = (lists.data?.users ?? []).filter((u) => u.role === 'inspector' || u.role === 'bureau_admin');
  if (!officials.some((o) => o.userId === props.me.userId))
    officials.unshift({ userId: props.me.userId, name: props.me.name ?? props.me.userId, role: '', active: true });
  const inForce = lists.data?.standards.find((s) => s.inForce);
  const form = useForm({
    initial: { ...INITIAL, 'supervision.official.userId': props.me.userId },
    idempotent: true,
    send: async (values, headers) => {
      try {
        await props.send(hazardBody(values, props.inspectionId, officials), photos, headers['Idempotency-Key']!);
      } catch (error) {
        throw toFormFields(error);
      }
    },
  });
  const major = form.values.level === 'major';
  const p = 'hazard';
  return (
    <Form form={form} testid="hazard-form" class="inspect-form">
      <SelectField form={form} idPrefix={p} name="level" label="隐患级别" options={LEVELS} required />
      <TextareaField form={form} idPrefix={p} name="description" label="隐患描述" required rows={3} maxLength={2000} />
      <TextField form={form} idPrefix={p} name="location" label="地点" required maxLength={200} />
      {major ? (
        <SelectField
          form={form}
          idPrefix={p}
          name="category"
          label={`判定标准类别${inForce ? `（${inForce.name}）` : ''}`}
          required
          placeholder="请选择"
          options={(inForce?.categories ?? []).map((c) => ({ value: c.code, label: `${c.article} ${c.name}` }))}
        />
      ) : null}
      <TextareaField
        form={form}
        idPrefix={p}
        name="measures"
        label={major ? '整改措施（措施落实）' : '整改措施'}
        required={major}
        rows={2}
        maxLength={2000}
      />
      <DateField
        form={form}
        idPrefix={p}
        name="deadline"
        label={major ? '整改期限（时限落实）' : '整改期限'}
        required
      />
      {major ? (
        <fieldset class="inspect-five">
          <legend>挂牌督办 · 五落实</legend>
          <TextField
            form={form}
            idPrefix={p}
            name="supervision.responsiblePerson.name"
            label="责任人（责任落实）"
            required
            maxLength={50}
          />
          <TextField
            form={form}
            idPrefix={p}
            name="supervision.responsiblePerson.position"
            label="职务"
            maxLength={50}
          />
          <TextField form={form} idPrefix={p} name="supervision.responsiblePerson.mobile" label="手机" maxLength={11} />
          <NumberField
            form={form}
            idPrefix={p}
            name="supervision.funds.amount"
            label="整改资金（资金落实）"
            unit="元"
            min={0}
            required
          />
          <TextField form={form} idPrefix={p} name="supervision.funds.source" label="资金来源" maxLength={200} />
          <TextareaField
            form={form}
            idPrefix={p}
            name="supervision.contingencyPlan"
            label="应急预案（预案落实）"
            required
            rows={2}
            maxLength={2000}
          />
          <SelectField
            form={form}
            idPrefix={p}
            name="supervision.official.userId"
            label="督办人"
            required
            options={officials.map((o) => ({ value: o.userId, label: o.name }))}
          />
        </fieldset>
      ) : null}
      <PhotoPicker testid="hazard-photos" files={photos} onChange={setPhotos} />
      <FormErrors form={form} testid="hazard-errors" />
      <SubmitButton form={form} label="保存隐患" busyLabel="正在保存…" testid="hazard-submit" />
    </Form>
  );
}

/**
 * 拍照/添加照片: the phone's camera (or its gallery), several photos, listed with their sizes until the record is
 * saved; each can be taken off the list before then.
 */
export function PhotoPicker(props: {
  testid: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  children?: ComponentChildren;
}) {
  const id = `${props.testid}-input`;
  return (
    <div class="inspect-photos" data-testid={props.testid}>
      <label class="btn" for={id}>
        拍照/添加照片
      </label>
      <input
        id={id}
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        data-testid={id}
        onChange={(e) => {
          const input = e.currentTarget;
          props.onChange([...props.files, ...Array.from(input.files ?? [])]);
          input.value = '';
        }}
      />
      {props.files.length ? (
        <ul class="inspect-photo-list">
          {props.files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              {f.name} <span class="muted">{Math.max(1, Math.round(f.size / 1024))} KB</span>{' '}
              <button
                type="button"
                class="link-button"
                onClick={() => props.onChange(props.files.filter((_, j) => j !== i))}
              >
                移除
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <span class="muted"> 尚未添加照片</span>
      )}
      {props.children}
    </div>
  );
}
