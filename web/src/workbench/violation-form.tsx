import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { todayShanghai } from '../format.ts';
import {
  DateField,
  Form,
  FormErrors,
  type FormState,
  SelectField,
  SubmitButton,
  TextareaField,
  useForm,
} from '../forms/index.ts';
import { useLoad } from '../use-load.ts';
import { type ViolationBody, violationBody } from './finding-bodies.ts';
import { PhotoPicker } from './hazard-form.tsx';

export type { ViolationBody };

/**
 * 记录违法行为: a violation found on an inspection, by its category (GET /v1/violation-categories), with the date and
 * what was seen; photos go to its 发现 step once it exists.
 */
/** The categories, read once per page load and kept (the signal may be gone when the form opens). */
let categoryList: Promise<{ items: { code: string; no: number; name: string }[] }> | undefined;
export function violationCategories() {
  categoryList ??= api
    .get<{ items: { code: string; no: number; name: string }[] }>('/v1/violation-categories')
    .catch((error: unknown) => {
      categoryList = undefined;
      throw error;
    });
  return categoryList;
}

export function ViolationForm(props: {
  inspectionId: string;
  send: (body: ViolationBody, photos: readonly File[], idempotencyKey: string) => Promise<void>;
  /** Further inputs of the same form (the responsible persons), given the form's state. */
  extra?: (form: FormState) => ComponentChildren;
}) {
  const [photos, setPhotos] = useState<File[]>([]);
  const categories = useLoad(violationCategories, []);
  const form = useForm({
    initial: { date: todayShanghai() },
    idempotent: true,
    send: (values, headers) =>
      props.send(violationBody(values, props.inspectionId), photos, headers['Idempotency-Key']!),
  });
  const p = 'violation';
  return (
    <Form form={form} testid="violation-form" class="inspect-form">
      <SelectField
        form={form}
        idPrefix={p}
        name="category"
        label="违法行为类别"
        required
        placeholder="请选择"
        options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.no}. ${c.name}` }))}
      />
      <DateField form={form} idPrefix={p} name="date" label="发生日期" required />
      <TextareaField form={form} idPrefix={p} name="description" label="违法事实" required rows={3} maxLength={2000} />
      {props.extra?.(form)}
      <PhotoPicker testid="violation-photos" files={photos} onChange={setPhotos} />
      <FormErrors form={form} testid="violation-errors" />
      <SubmitButton form={form} label="保存违法行为" busyLabel="正在保存…" testid="violation-submit" />
    </Form>
  );
}
