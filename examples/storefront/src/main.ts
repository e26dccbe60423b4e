import {
  CatalogPageDocument,
  createClient,
  GraphQLRequestError,
  LoginDocument,
  MyOrdersDocument,
  PlaceOrderDocument,
  type CatalogPageQuery,
  type Decimal,
} from '@fed/sdk';

/** The graph: VITE_GRAPH_URL, or `npm start`'s gateway. */
const url = import.meta.env.VITE_GRAPH_URL ?? 'http://127.0.0.1:4000/graphql';
let token: string | null = null;
const graph = createClient({ url, token: () => token, clientName: 'storefront', clientVersion: '0.0.0' });

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const show = (id: string, text: string) => (element(id).textContent = text);
const money = (amount: Decimal, currency: string) => `${amount} ${currency}`;

async function guarded(action: () => Promise<void>) {
  show('error', '');
  try {
    await action();
  } catch (error) {
    show('error', error instanceof GraphQLRequestError ? error.message : String(error));
  }
}

element<HTMLFormElement>('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  void guarded(async () => {
    const { login } = await graph.request(LoginDocument, {
      input: { tenantSlug: 'acme', email: element<HTMLInputElement>('email').value, password: element<HTMLInputElement>('password').value },
    });
    token = login.accessToken;
    show('who', `Signed in as ${login.user.email}`);
    await listProducts();
    await showLastOrder();
  });
});

async function listProducts() {
  const { products } = await graph.request(CatalogPageDocument, { first: 10, filter: { active: true }, sort: 'NAME_ASC' });
  element('products').replaceChildren(...products.edges.map(({ node }) => productRow(node)));
}

type ProductNode = CatalogPageQuery['products']['edges'][number]['node'];

function productRow(product: ProductNode): HTMLLIElement {
  const row = document.createElement('li');
  row.dataset.sku = product.sku;
  const label = document.createElement('span');
  label.textContent = `${product.name} · ${product.price} · ${product.stockStatus}`;
  const order = document.createElement('button');
  order.textContent = 'Order 1';
  order.disabled = product.availableQuantity < 1;
  order.addEventListener('click', () =>
    guarded(async () => {
      const { placeOrder } = await graph.request(PlaceOrderDocument, { input: { items: [{ productId: product.id, quantity: 1 }] } });
      show('order-status', `${placeOrder.number}: ${placeOrder.status}, ${money(placeOrder.total, placeOrder.currency)}`);
    }),
  );
  row.append(label, order);
  return row;
}

async function showLastOrder() {
  const { orders } = await graph.request(MyOrdersDocument, { first: 1 });
  const last = orders.edges[0]?.node;
  if (last) show('order-status', `${last.number}: ${last.status}, ${last.total}`);
}
