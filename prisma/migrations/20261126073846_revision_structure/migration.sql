-- AlterTable
ALTER TABLE "ArticleRevision" ADD COLUMN "structure" TEXT;
