import { type FormState, NumberField, SelectField } from '../../forms/index.ts';
import { GAS_OPTIONS, HYDRO_OPTIONS, STANDARD_OPTIONS } from './mine-fields.ts';

/** The mine's capacity and its grades: the same fields when a mine is created and when its profile is edited. */
export function CapacityAndGrades(props: { form: FormState; idPrefix: string }) {
  const { form, idPrefix: p } = props;
  return (
    <>
      <NumberField
        form={form}
        name="approvedCapacityTonnesPerYear"
        idPrefix={p}
        label="核定生产能力"
        unit="吨/年"
        min={1}
        required
      />
      <SelectField form={form} name="gasGrade" idPrefix={p} label="瓦斯等级" options={GAS_OPTIONS} required />
      <SelectField form={form} name="hydrogeology" idPrefix={p} label="水文地质类型" options={HYDRO_OPTIONS} required />
      <SelectField
        form={form}
        name="standardisationGrade"
        idPrefix={p}
        label="安全生产标准化等级"
        options={STANDARD_OPTIONS}
        required
      />
    </>
  );
}
