/** Hand-written Flows that use what Meta's examples do not: expressions, branches, pickers. */

const item = {
  type: 'object',
  properties: { id: { type: 'string' }, title: { type: 'string' } },
};

/** 7.1, no endpoint: expressions, Switch, If, update_data, open_url, global references, dates. */
export const featuresFlow = {
  version: '7.1',
  screens: [
    {
      id: 'WELCOME',
      title: "`'Hello ' ${data.name}`",
      sensitive: ['email'],
      data: {
        name: { type: 'string', __example__: 'Ana' },
        plan: { type: 'string', __example__: 'gold' },
        note: { type: 'string', __example__: '' },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Switch',
            value: '${data.plan}',
            cases: {
              gold: [{ type: 'TextBody', text: 'Gold members skip the queue' }],
              basic: [{ type: 'TextBody', text: 'Basic plan' }],
            },
          },
          { type: 'TextCaption', text: '${data.note}' },
          {
            type: 'TextInput',
            name: 'email',
            label: 'Email',
            'input-type': 'email',
            required: true,
          },
          {
            type: 'TextInput',
            name: 'code',
            label: 'Code',
            pattern: '[A-Z]{3}',
            'helper-text': 'Three capitals',
          },
          {
            type: 'OptIn',
            name: 'news',
            label: 'Send me news',
            'on-select-action': { name: 'update_data', payload: { note: 'Thanks' } },
            'on-unselect-action': { name: 'update_data', payload: { note: 'Maybe later' } },
          },
          {
            type: 'If',
            condition: '${form.news}',
            then: [{ type: 'TextInput', name: 'topic', label: 'Topic', required: true }],
          },
          {
            type: 'CheckboxGroup',
            name: 'toppings',
            label: 'Toppings',
            'min-selected-items': 1,
            'max-selected-items': 2,
            'data-source': [
              {
                id: 'cheese',
                title: 'Cheese',
                'on-select-action': { name: 'update_data', payload: { note: 'Cheese it is' } },
                'on-unselect-action': { name: 'update_data', payload: { note: 'No cheese' } },
              },
              { id: 'ham', title: 'Ham' },
              { id: 'olives', title: 'Olives' },
              { id: 'sold_out', title: 'Truffle', enabled: false },
            ],
          },
          {
            type: 'EmbeddedLink',
            text: 'Terms',
            'on-click-action': { name: 'open_url', url: 'https://example.com/terms' },
          },
          {
            type: 'Footer',
            label: 'Next',
            'on-click-action': {
              name: 'navigate',
              next: { type: 'screen', name: 'DETAILS' },
              payload: { email: '${form.email}', greeting: "`'Dear ' ${data.name}`" },
            },
          },
        ],
      },
    },
    {
      id: 'DETAILS',
      terminal: true,
      title: 'Details',
      data: {
        email: { type: 'string', __example__: 'ana@example.com' },
        greeting: { type: 'string', __example__: 'Dear Ana' },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextBody', text: '${data.greeting}' },
          { type: 'TextBody', text: '${screen.WELCOME.form.code}' },
          {
            type: 'DatePicker',
            name: 'day',
            label: 'Day',
            required: true,
            'min-date': '2026-03-10',
            'max-date': '2026-03-20',
            'unavailable-dates': ['2026-03-12'],
          },
          {
            type: 'Footer',
            label: 'Finish',
            'on-click-action': {
              name: 'complete',
              payload: {
                email: '${data.email}',
                day: '${form.day}',
                code: '${screen.WELCOME.form.code}',
                toppings: '${screen.WELCOME.form.toppings}',
              },
            },
          },
        ],
      },
    },
  ],
};

/** 7.1 with an endpoint: a NavigationList, pickers, `refresh_on_back`. */
export const mediaFlow = {
  version: '7.1',
  data_api_version: '3.0',
  routing_model: { MENU: ['UPLOAD', 'RECEIPT'], UPLOAD: ['RECEIPT'], RECEIPT: [] },
  screens: [
    {
      id: 'MENU',
      title: 'Menu',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'NavigationList',
            name: 'menu',
            'list-items': [
              {
                id: 'photos',
                'main-content': { title: 'Send photos' },
                'on-click-action': {
                  name: 'navigate',
                  next: { type: 'screen', name: 'UPLOAD' },
                  payload: {},
                },
              },
              {
                id: 'receipt',
                'main-content': { title: 'Send a receipt' },
                'on-click-action': { name: 'data_exchange', payload: { topic: 'receipt' } },
              },
            ],
          },
        ],
      },
    },
    {
      id: 'UPLOAD',
      title: 'Photos',
      refresh_on_back: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'PhotoPicker',
            name: 'photos',
            label: 'Photos',
            'min-uploaded-photos': 1,
            'max-uploaded-photos': 2,
            'max-file-size-kb': 100,
          },
          {
            type: 'Footer',
            label: 'Send',
            'on-click-action': { name: 'data_exchange', payload: { photos: '${form.photos}' } },
          },
        ],
      },
    },
    {
      id: 'RECEIPT',
      title: 'Receipt',
      terminal: true,
      data: { slots: { type: 'array', items: item, __example__: [{ id: 'a', title: 'A' }] } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'DocumentPicker',
            name: 'receipt',
            label: 'Receipt',
            'max-uploaded-documents': 1,
            'allowed-mime-types': ['application/pdf'],
          },
          {
            type: 'Footer',
            label: 'Done',
            'on-click-action': { name: 'complete', payload: { receipt: '${form.receipt}' } },
          },
        ],
      },
    },
  ],
};

/** 7.1 with an endpoint: initial values, chips, on-select requests, a range calendar. */
export const initialValuesFlow = {
  version: '7.1',
  data_api_version: '3.0',
  routing_model: { ORDER: ['WHEN'], WHEN: [] },
  screens: [
    {
      id: 'ORDER',
      title: 'Order',
      data: { size: { type: 'string', __example__: 'm' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Form',
            name: 'order',
            'init-values': { size: 'm', extras: ['bag'], note: 'Ring twice' },
            children: [
              {
                type: 'Dropdown',
                name: 'size',
                label: 'Size',
                'data-source': [
                  { id: 's', title: 'Small' },
                  { id: 'm', title: 'Medium' },
                ],
                'on-select-action': { name: 'data_exchange', payload: { size: '${form.size}' } },
              },
              {
                type: 'ChipsSelector',
                name: 'extras',
                label: 'Extras',
                'max-selected-items': 2,
                'data-source': [
                  { id: 'bag', title: 'Bag' },
                  { id: 'card', title: 'Card' },
                  { id: 'bow', title: 'Bow' },
                ],
              },
              { type: 'TextArea', name: 'note', label: 'Note', 'max-length': 20 },
              {
                type: 'Footer',
                label: 'Next',
                'on-click-action': {
                  name: 'navigate',
                  next: { type: 'screen', name: 'WHEN' },
                  payload: {},
                },
              },
            ],
          },
        ],
      },
    },
    {
      id: 'WHEN',
      title: 'When',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'CalendarPicker',
            name: 'stay',
            mode: 'range',
            label: { 'start-date': 'Arrival', 'end-date': 'Departure' },
            'min-date': '2026-03-01',
            'max-date': '2026-03-31',
            'include-days': ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
            'min-days': 2,
            'max-days': 5,
            'init-value': { 'start-date': '2026-03-02', 'end-date': '2026-03-04' },
          },
          {
            type: 'Footer',
            label: 'Book',
            'on-click-action': {
              name: 'complete',
              payload: {
                stay: '${form.stay}',
                size: '${screen.ORDER.form.size}',
                extras: '${screen.ORDER.form.extras}',
                note: '${screen.ORDER.form.note}',
              },
            },
          },
        ],
      },
    },
  ],
};
