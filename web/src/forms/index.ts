/** The form toolkit: inputs with the API's message beside them, the error box, the submit button, success text. */
export {
  cleanValues,
  type FormProblems,
  type FormValue,
  fieldName,
  formProblems,
  readableMessage,
  SubmissionKeys,
} from './errors.ts';
export {
  CheckboxGroupField,
  DateField,
  type FieldProps,
  Form,
  FormErrors,
  FormSuccess,
  NumberField,
  type Option,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
} from './fields.tsx';
export { type FormOptions, type FormState, postForm, useForm } from './use-form.ts';
