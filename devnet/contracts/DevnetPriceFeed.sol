// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

/// @notice A price feed that speaks Chainlink's AggregatorV3Interface (plus the legacy
/// AggregatorInterface getters AaveOracle and UiPoolDataProviderV3 call), with a real
/// round history. Round ids carry a phase in the top bits as a Chainlink proxy's do
/// (phaseId << 64 | aggregatorRoundId), so readers walking history backwards behave as
/// they would on mainnet. Only the owner (the devnet's deployer / simulator) writes.
contract DevnetPriceFeed {
  struct Round {
    int256 answer;
    uint64 startedAt;
    uint64 updatedAt;
  }

  uint16 public constant PHASE_ID = 1;
  uint256 public constant version = 4;
  uint8 public immutable decimals;
  string public description;
  address public owner;

  uint64 internal aggregatorRound;
  mapping(uint64 => Round) internal rounds;

  event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
  event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

  error NotOwner();
  error NoDataPresent();
  error BadHistory();

  /// @dev Starts with no rounds (latestRoundData answers zeros, as a fresh aggregator does);
  /// the deployer seeds history with pushHistory before the feed is used.
  constructor(uint8 decimals_, string memory description_) {
    decimals = decimals_;
    description = description_;
    owner = msg.sender;
  }

  modifier onlyOwner() {
    if (msg.sender != owner) revert NotOwner();
    _;
  }

  function transferOwnership(address newOwner) external onlyOwner {
    owner = newOwner;
  }

  /// @notice A new round at the current block's time.
  function updateAnswer(int256 answer) external onlyOwner {
    _push(answer, uint64(block.timestamp));
  }

  /// @notice Appends rounds with past timestamps (seeding history). Timestamps must not
  /// decrease, must not precede the latest round and must not lie in the future.
  function pushHistory(int256[] calldata answers, uint64[] calldata timestamps) external onlyOwner {
    if (answers.length != timestamps.length) revert BadHistory();
    uint64 last = rounds[aggregatorRound].updatedAt;
    for (uint256 i = 0; i < answers.length; i++) {
      uint64 t = timestamps[i];
      if (t < last || t > block.timestamp) revert BadHistory();
      _push(answers[i], t);
      last = t;
    }
  }

  function latestRoundData()
    external
    view
    returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
  {
    return _round(aggregatorRound);
  }

  function getRoundData(uint80 roundId)
    external
    view
    returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
  {
    if (roundId >> 64 != PHASE_ID) revert NoDataPresent();
    uint64 r = uint64(roundId);
    if (r == 0 || r > aggregatorRound) revert NoDataPresent();
    return _round(r);
  }

  function latestAnswer() external view returns (int256) {
    return rounds[aggregatorRound].answer;
  }

  function latestTimestamp() external view returns (uint256) {
    return rounds[aggregatorRound].updatedAt;
  }

  function latestRound() external view returns (uint256) {
    return _roundId(aggregatorRound);
  }

  function _round(uint64 r) internal view returns (uint80, int256, uint256, uint256, uint80) {
    Round memory round = rounds[r];
    uint80 id = _roundId(r);
    return (id, round.answer, round.startedAt, round.updatedAt, id);
  }

  function _roundId(uint64 r) internal pure returns (uint80) {
    return (uint80(PHASE_ID) << 64) | r;
  }

  function _push(int256 answer, uint64 timestamp) internal {
    uint64 r = ++aggregatorRound;
    rounds[r] = Round(answer, timestamp, timestamp);
    uint80 id = _roundId(r);
    emit NewRound(id, msg.sender, timestamp);
    emit AnswerUpdated(answer, id, timestamp);
  }
}
