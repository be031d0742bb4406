import { describe, expect, it } from 'vitest';
import { extractPointsRequest } from './loyalty-points.ts';

describe('extractPointsRequest', () => {
  it.each([
    ['use my loyalty points', { all: true }],
    ['pay part of it with my reward points', { all: true }],
    ['redeem 500 points on it', { all: false, points: 500 }],
    ['please use 1,200 of my points', { all: false, points: 1200 }],
  ])('reads %j', (text, request) => expect(extractPointsRequest(text)).toEqual(request));

  it.each(['how many points do i have', 'what is my points balance', 'use my paypal', 'points'])('finds no request in %j', (text) =>
    expect(extractPointsRequest(text)).toBeUndefined(),
  );
});
