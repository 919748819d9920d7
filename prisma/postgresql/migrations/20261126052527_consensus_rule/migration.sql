-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "consensusRule" TEXT NOT NULL DEFAULT 'plurality',
ADD COLUMN     "maxSpread" INTEGER NOT NULL DEFAULT 2;
