/**
 * The app's date and date-time inputs: Mantine's DateInput in the reader's language and format (ja 2026/12/07,
 * en 7 Dec 2026), typed or picked from a calendar. Never a native `<input type="date">`, whose mm/dd/yyyy follows
 * the browser's locale instead of the reader's (issue 18); sweep and `no-native-dates.test.ts` refuse them.
 *
 * Values are the ones the forms already use: a day is "YYYY-MM-DD", a moment is "YYYY-MM-DDTHH:mm" in the browser's
 * wall time (as `<input type="datetime-local">` gave, see incidents/time.ts), '' when empty. `onChange` gets the
 * new value (Mantine form's getInputProps accepts it as it is).
 */
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import '@mantine/dates/styles.css';
import 'dayjs/locale/ja';
import { useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fromFieldDateTime, parseDateText, toFieldDateTime } from './parse';

type BaseProps = Omit<
  DateInputProps,
  'value' | 'defaultValue' | 'onChange' | 'valueFormat' | 'dateParser' | 'locale' | 'withTime' | 'type'
>;

export interface DateFieldProps extends BaseProps {
  value?: string | null;
  onChange?: (value: string) => void;
}

const FORMATS = {
  ja: { day: 'YYYY/MM/DD', time: 'YYYY/MM/DD HH:mm' },
  en: { day: 'D MMM YYYY', time: 'D MMM YYYY HH:mm' },
} as const;

function useDates() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  // ja calendars start on Sunday, the en-GB ones the app formats with on Monday
  const settings = { locale: lang, firstDayOfWeek: lang === 'ja' ? 0 : 1 } as const;
  return { formats: FORMATS[lang], settings };
}

/**
 * The calendar closes once a whole date has been typed (it would cover what is below the field, the form's submit
 * button for one) and opens again when the reader goes back to the field or types a partial date.
 */
function useTypedClose(withTime: boolean, onFocus?: (e: FocusEvent<HTMLInputElement>) => void) {
  const [closed, setClosed] = useState(false);
  return {
    popoverProps: closed ? { opened: false } : {},
    dateParser: (text: string) => {
      const parsed = parseDateText(text, withTime);
      setClosed(parsed !== null);
      return parsed;
    },
    onFocus: (e: FocusEvent<HTMLInputElement>) => {
      setClosed(false);
      onFocus?.(e);
    },
  };
}

/** A day ("YYYY-MM-DD"). */
export function DateField({ value, onChange, onFocus, ...rest }: DateFieldProps) {
  const { formats, settings } = useDates();
  const typed = useTypedClose(false, onFocus);
  const { t } = useTranslation();
  return (
    <DatesProvider settings={settings}>
      <DateInput
        clearable
        {...rest}
        // axe button-name: Mantine's clear button has no text of its own
        clearButtonProps={{ 'aria-label': t('common.clearDate'), ...rest.clearButtonProps }}
        value={value || null}
        onChange={(v) => onChange?.(v ?? '')}
        valueFormat={formats.day}
        dateParser={typed.dateParser}
        onFocus={typed.onFocus}
        popoverProps={{ ...rest.popoverProps, ...typed.popoverProps }}
      />
    </DatesProvider>
  );
}

/** A moment in the browser's wall time ("YYYY-MM-DDTHH:mm"). */
export function DateTimeField({ value, onChange, onFocus, ...rest }: DateFieldProps) {
  const { formats, settings } = useDates();
  const typed = useTypedClose(true, onFocus);
  const { t } = useTranslation();
  return (
    <DatesProvider settings={settings}>
      <DateInput
        clearable
        {...rest}
        // axe button-name: Mantine's clear button has no text of its own
        clearButtonProps={{ 'aria-label': t('common.clearDate'), ...rest.clearButtonProps }}
        withTime
        value={fromFieldDateTime(value)}
        onChange={(v) => onChange?.(toFieldDateTime(v))}
        valueFormat={formats.time}
        dateParser={typed.dateParser}
        onFocus={typed.onFocus}
        popoverProps={{ ...rest.popoverProps, ...typed.popoverProps }}
      />
    </DatesProvider>
  );
}
