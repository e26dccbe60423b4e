import { isDeepStrictEqual } from 'node:util';
import {
  AUTHOR_OF_ANY_REVIEW,
  IN_STOCK,
  PRODUCTS,
  REVIEWS,
  REVIEWS_OF_ANY_USER,
  USERS,
  shippingEstimate,
  type Product,
  type Review,
  type User,
} from './data.ts';

/**
 * The public scenario's operation: every user with their reviews, each review's product with all
 * its reviews, their authors and the authors' reviews and products; and the top five products
 * with the same nesting. Every subgraph is called several times per operation (entity fetches
 * for users, products, stock and shipping estimates, reviews).
 */
export const PUBLIC_QUERY = /* GraphQL */ `
  fragment User on User {
    id
    username
    name
  }

  fragment Review on Review {
    id
    body
  }

  fragment Product on Product {
    inStock
    name
    price
    shippingEstimate
    upc
    weight
  }

  query TestQuery {
    __typename
    users {
      ...User
      reviews {
        ...Review
        product {
          ...Product
          reviews {
            ...Review
            author {
              ...User
              reviews {
                ...Review
                product {
                  ...Product
                }
              }
            }
          }
        }
      }
    }
    topProducts {
      ...Product
      reviews {
        ...Review
        author {
          ...User
          reviews {
            ...Review
            product {
              ...Product
            }
          }
        }
      }
    }
  }
`;

const productByUpc = new Map(PRODUCTS.map((product) => [product.upc, product]));
const reviewsOfProduct = (upc: string) => REVIEWS.filter((review) => review.productUpc === upc);

const userFields = (user: User) => ({ id: user.id, username: user.username, name: user.name });
const reviewFields = (review: Review) => ({ id: review.id, body: review.body });
const productFields = (product: Product) => ({
  inStock: IN_STOCK[product.upc] ?? null,
  name: product.name,
  price: product.price,
  shippingEstimate: shippingEstimate(product.price, product.weight),
  upc: product.upc,
  weight: product.weight,
});
const productOf = (review: Review) => productByUpc.get(review.productUpc)!;

/** The author of any review, with their reviews and those reviews' products (both branches end so). */
const authorWithReviews = () => ({
  ...userFields(AUTHOR_OF_ANY_REVIEW),
  reviews: REVIEWS_OF_ANY_USER.map((review) => ({ ...reviewFields(review), product: productFields(productOf(review)) })),
});
const productWithReviews = (product: Product) => ({
  ...productFields(product),
  reviews: reviewsOfProduct(product.upc).map((review) => ({ ...reviewFields(review), author: authorWithReviews() })),
});

/**
 * The answer's `data`, computed from the scenario's data directly (not from any gateway), so a
 * gateway that merges entities wrongly fails the check even if all gateways agreed.
 */
export function expectedPublicData(): Record<string, unknown> {
  return {
    __typename: 'Query',
    users: USERS.map((user) => ({
      ...userFields(user),
      reviews: REVIEWS_OF_ANY_USER.map((review) => ({ ...reviewFields(review), product: productWithReviews(productOf(review)) })),
    })),
    topProducts: PRODUCTS.slice(0, 5).map(productWithReviews),
  };
}

/** What is wrong with a gateway's answer to PUBLIC_QUERY, or undefined when it is exactly the expected data. */
export function checkPublicAnswer(body: string): string | undefined {
  let answer: { data?: unknown; errors?: unknown };
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
  if (answer.errors) return `errors: ${JSON.stringify(answer.errors).slice(0, 300)}`;
  if (!isDeepStrictEqual(answer.data, expectedPublicData())) return `data differs from the expected answer: ${body.slice(0, 300)}`;
  return undefined;
}
