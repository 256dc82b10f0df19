import type { InputView } from '@sanjay-flow/flow-player';

/**
 * What a simulated customer enters in a required input the test gave no answer for, most
 * likely to be accepted first; the walk tries them in order until the input shows no error.
 */
export function answerCandidates(input: InputView): unknown[] {
  const options = (input.options ?? []).filter((option) => option.enabled).map((o) => o.id);
  const today = new Date().toISOString().slice(0, 10);
  switch (input.type) {
    case 'TextInput':
      return ['Ana', 'ana@example.com', '42', '+15550100', 'A longer answer of some words'];
    case 'TextArea':
      return ['A few words about it'];
    case 'RadioButtonsGroup':
    case 'Dropdown':
      return options;
    case 'CheckboxGroup':
    case 'ChipsSelector':
      return [options.slice(0, 1), options.slice(0, 2), options];
    case 'OptIn':
      return [true];
    case 'DatePicker':
    case 'CalendarPicker':
      return [today, { 'start-date': today, 'end-date': today }];
    case 'PhotoPicker':
    case 'DocumentPicker':
      // TODO: picked files need media the stand-in serves with encryption metadata (spec B7);
      // until then a required picker without an answer from the test stops the walk.
      return [];
  }
}
