import type { ComponentView, ScreenView, TargetView } from '@sanjay-flow/flow-player';
import type { CSSProperties, ReactNode } from 'react';

import { InputField } from './InputField';

export interface ShownComponentProps {
  component: ComponentView;
  view: ScreenView;
  showErrors: boolean;
  disabled: boolean;
  onInput: (name: string, value: unknown) => void;
  onPress: (target: string) => void;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function targetsOf(view: ScreenView, pointer: string): TargetView[] {
  return view.targets.filter(
    (target) => target.target === pointer || target.target.startsWith(`${pointer}#`),
  );
}

/** Base64 image data as WhatsApp takes it; the browser sniffs JPEG and PNG alike. */
function imageSource(data: unknown): string {
  return `data:image/png;base64,${text(data)}`;
}

/** The size a Flow gives an image, in the phone's points; the aspect is kept otherwise. */
function imageSize(properties: Record<string, unknown>): CSSProperties {
  const size = (value: unknown) => (typeof value === 'number' && value > 0 ? value : undefined);
  const height = size(properties.height);
  const width = size(properties.width);

  return {
    ...(height === undefined ? {} : { height }),
    ...(width === undefined ? {} : { width }),
    objectFit: properties['scale-type'] === 'cover' ? 'cover' : 'contain',
  };
}

function Body({ properties }: { properties: Record<string, unknown> }) {
  const weight = text(properties['font-weight']);
  const classes = ['phone-text']
    .concat(weight.includes('bold') ? ['phone-text--bold'] : [])
    .concat(weight.includes('italic') ? ['phone-text--italic'] : [])
    .concat(properties.strikethrough === true ? ['phone-text--strike'] : []);

  return <p className={classes.join(' ')}>{text(properties.text)}</p>;
}

// TODO: RichText is shown line by line (headings and list items by their markers); bold,
// links, tables and images inside it are shown as written, so long rich texts read rougher here.
function RichText({ value }: { value: unknown }) {
  const lines = (Array.isArray(value) ? value.map(text) : text(value).split('\n')).filter(
    (line) => line.trim() !== '',
  );

  return (
    <div className="phone-rich">
      {lines.map((line, index) =>
        line.startsWith('#') ? (
          <p key={index} className="phone-rich__heading">
            {line.replace(/^#+\s*/, '')}
          </p>
        ) : (
          <p key={index}>{line}</p>
        ),
      )}
    </div>
  );
}

function Footer({
  target,
  properties,
  disabled,
  onPress,
}: {
  target: TargetView;
  properties: Record<string, unknown>;
  disabled: boolean;
  onPress: (target: string) => void;
}) {
  const captions = ['left-caption', 'center-caption', 'right-caption'].map((key) =>
    text(properties[key]),
  );

  return (
    <div className="phone-footer">
      {captions.some((caption) => caption !== '') && (
        <p className="phone-footer__captions">
          {captions.map((caption, index) => (
            <span key={index}>{caption}</span>
          ))}
        </p>
      )}
      <button
        type="button"
        className="phone-footer__button"
        disabled={disabled || !target.enabled}
        onClick={() => onPress(target.target)}
      >
        {target.label}
      </button>
    </div>
  );
}

function NavigationList({ props, targets }: { props: ShownComponentProps; targets: TargetView[] }) {
  const { properties } = props.component;

  return (
    <nav className="phone-navlist" aria-label={text(properties.label) || 'Navigation list'}>
      {text(properties.label) !== '' && (
        <p className="phone-field__label">{text(properties.label)}</p>
      )}
      {targets.map((target) => (
        <button
          key={target.target}
          type="button"
          className="phone-navlist__item"
          disabled={props.disabled}
          onClick={() => props.onPress(target.target)}
        >
          {target.label}
        </button>
      ))}
    </nav>
  );
}

/** Links that press their targets, each named by its own label unless one `label` names all. */
function LinkButtons({
  targets,
  label,
  disabled,
  onPress,
}: {
  targets: readonly TargetView[];
  label?: string;
  disabled: boolean;
  onPress: (target: string) => void;
}) {
  return targets.map((target) => (
    <button
      key={target.target}
      type="button"
      className="phone-link"
      disabled={disabled}
      onClick={() => onPress(target.target)}
    >
      {label ?? target.label}
    </button>
  ));
}

function shown(props: ShownComponentProps): ReactNode {
  const { component, view, disabled, onPress } = props;
  const { properties } = component;
  const targets = targetsOf(view, component.pointer);
  if (component.input !== undefined && component.type !== 'OptIn') {
    return <InputField {...props} input={component.input} showError={props.showErrors} />;
  }
  switch (component.type) {
    case 'TextHeading':
      return <h2 className="phone-heading">{text(properties.text)}</h2>;
    case 'TextSubheading':
      return <h3 className="phone-subheading">{text(properties.text)}</h3>;
    case 'TextBody':
      return <Body properties={properties} />;
    case 'TextCaption':
      return <p className="phone-caption">{text(properties.text)}</p>;
    case 'RichText':
      return <RichText value={properties.text} />;
    case 'Image':
      return (
        <img
          className="phone-image"
          src={imageSource(properties.src)}
          alt={text(properties['alt-text'])}
          style={imageSize(properties)}
        />
      );
    case 'ImageCarousel':
      return (
        <div className="phone-carousel">
          {(Array.isArray(properties.images)
            ? (properties.images as Record<string, unknown>[])
            : []
          ).map((image, index) => (
            <img
              key={index}
              className="phone-image"
              src={imageSource(image.src)}
              alt={text(image['alt-text'])}
            />
          ))}
        </div>
      );
    case 'Footer':
      // The Footer is pressed by name: one per screen, whichever branch shows it.
      return view.footer === undefined ? null : (
        <Footer
          target={view.footer}
          properties={properties}
          disabled={disabled}
          onPress={onPress}
        />
      );
    case 'EmbeddedLink':
      return <LinkButtons targets={targets} disabled={disabled} onPress={onPress} />;
    case 'OptIn':
      return (
        <div className="phone-optin-row">
          {component.input !== undefined && (
            <InputField {...props} input={component.input} showError={props.showErrors} />
          )}
          <LinkButtons targets={targets} label="Read more" disabled={disabled} onPress={onPress} />
        </div>
      );
    case 'NavigationList':
      return <NavigationList props={props} targets={targets} />;
    default:
      return <p className="phone-caption">{component.type}</p>;
  }
}

/** One component of the shown screen, as WhatsApp draws it. */
export function ShownComponent(props: ShownComponentProps) {
  return (
    <div className="phone-component" data-pointer={props.component.pointer}>
      {shown(props)}
    </div>
  );
}
